from caselog.knowledge.rendering import markdown_plain_text, markdown_problems, markdown_render


def test_script_tags_are_shown_as_text_never_run():
    html = markdown_render("Hello <script>alert(1)</script>")
    assert "<script" not in html
    assert "&lt;script&gt;" in html


def test_javascript_links_lose_their_target():
    html = markdown_render("[click](javascript:alert(1)) and [ok](https://example.com)")
    assert 'href="javascript' not in html
    assert 'href="https://example.com"' in html
    assert 'rel="noopener noreferrer nofollow"' in html


def test_event_handler_attributes_cannot_sneak_in_through_images():
    html = markdown_render('![x](https://example.com/a.png "t") <img src=x onerror=alert(1)>')
    assert "onerror" not in html.replace("&lt;img src=x onerror=alert(1)&gt;", "")
    assert '<img src="https://example.com/a.png"' in html


def test_headings_inside_an_article_start_below_the_page_title():
    assert "<h2>Battery</h2>" in markdown_render("# Battery")


def test_tables_and_lists_render():
    html = markdown_render("1. one\n2. two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    assert "<ol>" in html and "<table>" in html


def test_an_unclosed_code_block_is_reported_with_its_line():
    assert markdown_problems("Intro\n\n```\ncode") == ["line 3: the code block opened with ``` is never closed"]
    assert markdown_problems("```\ncode\n```\n") == []


def test_plain_text_drops_markup_and_entities():
    assert markdown_plain_text("## Cable & charger\n\n* **Try** it") == "Cable & charger\n\nTry it"
