"""Pages of the portfolio: thin; reads start from `visible_to`, writes go through the services
(`intan_banjar.pages.attempt` turns their refusals into messages and form errors)."""
