"""Helpers shared by the accounts page tests."""


def html_of(response):
    assert response.status_code == 200
    return response.content.decode()
