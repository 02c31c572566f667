"""The spaCy pipeline's own component: a blank line always starts a sentence."""


def test_a_blank_line_starts_a_sentence_even_among_many(pipeline):
    # cells of a table come as many short paragraphs without full stops
    cells = [f"Team {i}\n\n{i % 5} - {i % 3}" for i in range(300)]
    text = "Results by district\n\n" + "\n\n".join(cells)
    doc = pipeline.nlp(text)
    for sentence in doc.sents:
        assert "\n\n" not in sentence.text.strip(), sentence.text
    starts = {s.start_char for s in doc.sents}
    assert text.index("Team 0") in starts and text.index("Team 299") in starts
