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


FURNITURE = """Harbour strike ends after two weeks

Dock workers in Portmere voted on Monday to end a two-week strike over pay, the union said.

Dockers leave the union hall after the vote in Portmere. (Sam Field/Harbour Photo Agency)

The deal raises wages by 6 percent this year and 4 percent next year, according to the port authority.

Getty Images Container ships wait outside the harbour

Advertisement Continue reading the main story

"We held out because we had to," said union leader Ann Kale, who led the talks.

Sign up for our morning briefing and get the news in your inbox

Thanks for signing up!

Shipping firms said it would take a week to clear the backlog of containers.

| "We held out because we had to," said union leader Ann Kale. |

Most popular
Storm damage closes coastal road
City council approves new budget
Local team wins cup final

Follow Rita Moss on Twitter @ritamoss

Have a news tip? Email newsdesk@example.com

About Portmere Shipping Ltd
Portmere Shipping Ltd is a leading provider of container logistics, headquartered in Portmere.
"""


def test_each_kind_of_page_furniture_is_cut_with_a_named_reason():
    cleaned = clean_text(FURNITURE, find_title=True)
    lines = FURNITURE.split("\n")
    cut = {lines[n]: reason for n, reason in enumerate(cleaned.line_reasons) if reason}
    for furniture in ("Dockers leave the union hall after the vote in Portmere. (Sam Field/Harbour Photo Agency)",
                      "Getty Images Container ships wait outside the harbour",
                      "Advertisement Continue reading the main story",
                      "Sign up for our morning briefing and get the news in your inbox",
                      "Thanks for signing up!",
                      '| "We held out because we had to," said union leader Ann Kale. |',
                      "Most popular", "Storm damage closes coastal road", "Local team wins cup final",
                      "Follow Rita Moss on Twitter @ritamoss",
                      "Have a news tip? Email newsdesk@example.com",
                      "About Portmere Shipping Ltd",
                      "Portmere Shipping Ltd is a leading provider of container logistics, headquartered in Portmere."):
        assert furniture in cut, furniture
    # a model's cut names its score and the rules that fired
    assert "boilerplate model" in cut["Have a news tip? Email newsdesk@example.com"]
    assert "tip_line" in cut["Have a news tip? Email newsdesk@example.com"]
    for story in ("Dock workers in Portmere voted on Monday", "The deal raises wages by 6 percent",
                  '"We held out because we had to," said union leader Ann Kale, who led the talks.',
                  "Shipping firms said it would take a week"):
        assert story in cleaned.text
    assert "Container ships wait" not in cleaned.text and "inbox" not in cleaned.text


def test_prose_about_photos_subscribers_and_newsletters_is_kept():
    text = ("Paper cuts print edition\n\n"
            "The Portmere Gazette said on Friday that it would stop printing on weekdays after losing subscribers.\n\n"
            "Its editor said a photo of the last press run would hang in the newsroom.\n\n"
            "Readers who signed up for the paper's newsletter will get the weekday edition by email instead.\n\n"
            "The company did not say how many of its 40 staff would lose their jobs.\n")
    cleaned = clean_text(text)
    assert all(reason in (None, "headline (taken as title)") for reason in cleaned.line_reasons)
    assert "losing subscribers" in cleaned.text and "a photo of the last press run" in cleaned.text
    assert "newsletter will get the weekday edition" in cleaned.text


def test_a_text_that_is_only_boilerplate_is_refused_with_its_reasons():
    import pytest

    from newsgraph.clean.document import clean_document
    from newsgraph.errors import NoArticleError
    from newsgraph.ingest.read import RawDocument

    only_furniture = ("Advertisement\n\nSign up for our newsletter to get the news in your inbox\n\n"
                      "Thanks for signing up!\n\nFollow us on Twitter @portmeregazette\n\n"
                      "Copyright 2018 Portmere Gazette. All rights reserved.\n")
    with pytest.raises(NoArticleError) as refused:
        clean_document(RawDocument(source="t.txt", kind="text", content=only_furniture), guesser=None)
    message = str(refused.value)
    assert message.startswith("no article text left after removing boilerplate (5 lines cut:")
    assert "\n" not in message and "advert marker" in message
