from transclean import segment_string


def test_title_and_paragraph() -> None:
    doc = segment_string("Заголовок статьи\n\nFirst sentence. Second one.")
    kinds = [s.kind.value for s in doc.segments]
    assert kinds == ["title", "paragraph", "sentence", "sentence"]
