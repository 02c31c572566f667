"""Cleaning rules on noisy text written for these tests."""
from newsgraph.clean.text import clean_text

NOISY = """Storm closes ports across the Baltic: what we know

Storm closes ports across the Baltic: what we know
Storm closes ports across the Baltic: what we know

Ports in Gdansk and Riga closed on Tuesday as a storm swept the Baltic, officials said.

The harbour master called the waves “the worst in a decade”while crews waited ashore.

Shipping companies say delays will last “several days”, according to the port authority.

Background

Advertisement

Forecasters expect the wind to ease by Thursday.

Gdansk Riga Baltic Storm Shipping

READ ALSO Ferry prices rise for the summer
PREV A fire at a warehouse in Tallinn
NEXT Football: Riga wins the derby
"""


def test_title_taken_once_and_repeats_cut():
    result = clean_text(NOISY)
    assert result.title == "Storm closes ports across the Baltic: what we know"
    assert "Storm closes ports" not in result.text
    reasons = [cut.reason for cut in result.removed]
    assert reasons.count("repeated headline") == 2
    assert reasons.count("headline (taken as title)") == 1


def test_navigation_tag_line_and_advert_cut_with_reasons():
    result = clean_text(NOISY)
    cut = {c.text: c.reason for c in result.removed}
    assert cut["PREV A fire at a warehouse in Tallinn"].startswith("navigation")
    assert cut["NEXT Football: Riga wins the derby"].startswith("navigation")
    assert cut["READ ALSO Ferry prices rise for the summer"].startswith("navigation")
    assert cut["Gdansk Riga Baltic Storm Shipping"] == "tag line"
    assert cut["Advertisement"] == "advert marker"
    for text in cut:
        assert text not in result.text


def test_link_list_glued_to_its_heading_is_cut():
    glued = ("RelatedHarbour Strike: Unions Say Talks Failed Over PayPort Of Riga Reopens After The "
             "StormFerry Operators: We Were Not Warned About The Closure Of The Northern Terminal")
    acronym = "RelatedNATO Ships Dock In RigaEstonia Orders Two Ferries"
    text = (f"Title line here\n\nThe port reopened on Friday.\n\n{glued}\n\n{acronym}\n\n"
            "Relatedly, talks resume on Monday.")
    result = clean_text(text)
    cut = {c.text: c.reason for c in result.removed}
    assert cut[glued].startswith("navigation")
    assert cut[acronym].startswith("navigation")
    assert result.text == "The port reopened on Friday.\n\nRelatedly, talks resume on Monday."


def test_subheading_and_sentences_starting_with_next_are_kept():
    text = "Title line here\n\nNext year the port will expand.\n\nBackground\n\nPrevious owners sold it in 2010."
    result = clean_text(text)
    assert "Next year the port will expand." in result.text
    assert "Background" in result.text
    assert "Previous owners sold it in 2010." in result.text
    assert [c.reason for c in result.removed] == ["headline (taken as title)"]


def test_glued_closing_quote_is_separated_and_recorded():
    result = clean_text(NOISY)
    assert "“the worst in a decade” while crews" in result.text
    assert any(r.reason == "glued quote separated" for r in result.repairs)


def test_straight_quotes_are_paired_before_ungluing():
    result = clean_text('He said "we will stay"and left. She said "no."', find_title=False)
    assert '"we will stay" and left' in result.text
    assert 'said "no."' in result.text


def test_quote_at_paragraph_end_is_not_touched():
    result = clean_text("“Watch the border”\n\nThe army said so.", find_title=False)
    assert result.text.startswith("“Watch the border”\n\n")
    assert result.repairs == []


def test_mojibake_and_stray_whitespace_repaired():
    result = clean_text("The minister\u00a0 said it was â€œnot acceptableâ€\x9d.\u200b", find_title=False)
    assert result.text == "The minister said it was “not acceptable”."
    assert any(r.reason.startswith("mojibake repaired") for r in result.repairs)


def test_first_line_that_is_a_sentence_is_not_a_title():
    result = clean_text("The council met on Monday to discuss the budget.\n\nIt approved it.")
    assert result.title is None
    assert result.text.startswith("The council met")


def test_immediately_repeated_line_is_cut_but_later_repeat_kept():
    text = "Mix the flour with two cups of water.\nMix the flour with two cups of water.\n\nBake.\n\nMix the flour with two cups of water."
    result = clean_text(text, find_title=False)
    assert result.text.count("Mix the flour") == 2
    assert [c.reason for c in result.removed] == ["repeated line"]


def test_picture_credits_and_captions_are_cut_but_sentences_about_agencies_kept():
    text = (
        "Harbour talks resume in Valletta\n\n"
        "Maltese and Libyan officials resumed talks on the harbour on Monday, the ministry said.\n\n"
        "Getty - Contributor The harbour at dawn, seen from the old fort\n\n"
        "Reuters   Busy: Fishing boats leave the harbour at dawn\n\n"
        "GettyThe old fort above the harbour\n\n"
        "Image Credits: Maria Borg / Harbour Photos\n\n"
        "Source: Port authority\n\n"
        "Reuters reported that the talks would go on until Friday.\n\n"
        "AFP News Agency staff were also present at the harbour.\n"
    )
    cleaned = clean_text(text)
    reasons = [(cut.reason, cut.text[:12]) for cut in cleaned.removed]
    assert ("photo caption", "Getty - Cont") in reasons and ("photo caption", "Reuters Busy") in reasons
    assert ("photo caption", "GettyThe old") in reasons
    assert ("photo credit", "Image Credit") in reasons and ("photo credit", "Source: Port") in reasons
    assert "Reuters reported that the talks" in cleaned.text
    assert "AFP News Agency staff were also present" in cleaned.text


def test_opening_quote_used_as_apostrophe_is_straightened_and_recorded():
    text = ("Council vote delayed\n\n"
            "The mayor said the council‘s vote was delayed, and aides don‘t expect it before May.\n\n"
            "She called the plan ‘a step back’ for the city.\n")
    cleaned = clean_text(text)
    assert "council’s vote" in cleaned.text and "don’t expect" in cleaned.text
    assert "‘a step back’" in cleaned.text  # a real opening quote stays
    assert [r.reason for r in cleaned.repairs].count("opening quote used as apostrophe") == 2


def test_page_lines_outside_the_body_are_kept_whatever_their_order():
    from newsgraph.clean.html import visible_lines_outside

    html = ("<html><body><p>The second paragraph of the story.</p><nav>Home</nav>"
            "<p>The first paragraph of the story.</p><footer>Contact us</footer>"
            "<p>The second paragraph of the story.</p></body></html>")
    body = "The first paragraph of the story.\n\nThe second paragraph of the story."
    assert visible_lines_outside(html, body) == ["Home", "Contact us"]


def test_a_page_of_table_cells_skips_the_fallbacks_and_keeps_the_table():
    from newsgraph.clean.html import MAX_FALLBACK_BLOCKS, count_blocks, extract_page

    rows = "".join(f"<tr><td><time>March {i % 28 + 1}</time></td><td>Team {i % 40}</td><td>{i % 5} - {i % 3}</td></tr>"
                   for i in range(MAX_FALLBACK_BLOCKS // 3))
    page = f"<html><body><h1>Match results</h1><table>{rows}</table></body></html>"
    assert count_blocks(page, stop_after=MAX_FALLBACK_BLOCKS) == MAX_FALLBACK_BLOCKS + 1
    extracted = extract_page(page)
    assert extracted.text.count("Team ") == MAX_FALLBACK_BLOCKS // 3  # every row
    assert "March 28" in extracted.text + "\n".join(extracted.left_out)  # kept, or listed as cut


def test_clean_text_gives_a_reason_per_input_line():
    from newsgraph.clean.text import clean_text

    raw = "Budget passes\n\nThe council approved the budget.\nAdvertisement\nIt passed 7-2.\n\nTags: budget, council"
    cleaned = clean_text(raw)
    assert len(cleaned.line_reasons) == len(raw.split("\n"))
    assert cleaned.line_reasons[0] == "headline (taken as title)"
    assert cleaned.line_reasons[3] == "advert marker"
    assert cleaned.line_reasons[2] is None and cleaned.line_reasons[4] is None
    assert cleaned.line_reasons[6] == "tag line"
