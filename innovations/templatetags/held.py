"""`{% held_decision innovation as held %}`: the decision held for publication, for those who may
see it (`held.shown_held_decision`), on pages whose view does not read it itself."""

from django import template

from innovations.held import shown_held_decision

register = template.Library()


@register.simple_tag(takes_context=True)
def held_decision(context, innovation):
    return shown_held_decision(innovation, context["request"].user)
