"""Form controls can be seen and hit: field edges stand out from the page (at least 3:1) and
checkboxes and radio buttons measure at least 24 px, on the referral form at both widths."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The contrast between each text field's border and the page behind it, and each tick box's size.
MEASURE = """() => {
  const luminance = (css) => {
    const [r, g, b] = css.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number).map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const background = (el) => {
    for (let node = el.parentElement; node; node = node.parentElement) {
      const colour = getComputedStyle(node).backgroundColor;
      if (!colour.startsWith("rgba(0, 0, 0, 0)")) { return colour; }
    }
    return "rgb(255, 255, 255)";
  };
  const kinds = "input[type=text], input[type=email], select, textarea";
  const fields = [...document.querySelectorAll(kinds)];
  const contrasts = fields.filter((el) => el.offsetParent).map((el) => {
    const a = luminance(getComputedStyle(el).borderTopColor), b = luminance(background(el));
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  });
  const boxes = [...document.querySelectorAll("input[type=checkbox], input[type=radio]")]
    .filter((el) => el.offsetParent).map((el) => el.getBoundingClientRect())
    .map((r) => Math.min(r.width, r.height));
  return {contrasts, boxes};
}"""


@pytest.mark.parametrize("width", [390, 1366])
def test_referral_form_fields_and_tick_boxes_are_visible(page, live_server, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/aanmelden/")

    found = page.evaluate(MEASURE)

    assert found["contrasts"] and min(found["contrasts"]) >= 3
    assert found["boxes"] and min(found["boxes"]) >= 24
    first_section = page.locator("form fieldset").first
    assert "Toestemming van het gezin" in first_section.locator("legend").first.inner_text()
    assert first_section.get_by_role("checkbox").count() == 1
