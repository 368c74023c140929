"""The journeys' watchers catch what they promise to catch (so a quiet journey means clean)."""

import pytest


@pytest.mark.e2e
def test_harness_records_csp_violation_script_error_and_missing_file(journey):
    page = journey.new_page()
    page.goto("/accounts/login/")
    journey.assert_styled(page)
    assert journey.errors == []

    page.evaluate(
        """() => {
          const inline = document.createElement("script");
          inline.textContent = "window.injected = true";
          document.body.append(inline);
          const missing = document.createElement("script");
          missing.src = "/static/js/no-such-file.js";
          document.body.append(missing);
          setTimeout(() => { throw new Error("boom"); }, 0);
        }"""
    )
    page.wait_for_timeout(500)
    assert page.evaluate("window.injected") is None  # the CSP blocked the inline script
    found = "\n".join(journey.errors)
    assert "Content Security Policy" in found or "CSP violation" in found, found
    assert "404" in found, found
    assert "boom" in found, found

    page.set_viewport_size({"width": 300, "height": 600})
    page.evaluate(
        "document.body.append(Object.assign(document.createElement('div'), "
        "{style: 'width: 2000px; height: 1px'}))"
    )
    with pytest.raises(AssertionError, match="wide in a 300px window"):
        journey.assert_clean()
    journey.errors.clear()  # seen: the journey itself ends clean
