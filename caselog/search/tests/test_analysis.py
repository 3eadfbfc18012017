from __future__ import annotations

from caselog.search.analysis import analyse_document_text, analyse_query, detect_language, normalise, stem


def test_normalisation_folds_case_accents_yo_and_eszett():
    assert normalise("Ёлка Straße CAFÉ") == "елка strasse cafe"


def test_normalisation_keeps_russian_short_i():
    assert normalise("Мой телефон") == "мой телефон"


def test_english_stemmer_reduces_inflections_to_one_stem():
    assert stem("deleting", "en") == stem("deleted", "en") == stem("delete", "en")


def test_german_stemmer_reduces_plural_and_umlaut_forms():
    assert stem("ladekabels", "de") == stem("ladekabel", "de")
    assert analyse_document_text("Der Akku lädt", "de").stemmed.split()[-1] == stem("ladt", "de")


def test_russian_stemmer_reduces_case_endings():
    assert stem("телефона", "ru") == stem("телефоном", "ru") == stem("телефон", "ru")


def test_query_keeps_the_last_word_as_prefix_while_typing():
    query = analyse_query("iphone batt", "en")
    assert query.stems == ("iphon",)
    assert query.prefix_raw == "batt"


def test_query_ending_in_space_has_no_prefix():
    query = analyse_query("iphone battery ", "en")
    assert query.prefix_raw == ""
    assert "batteri" in query.stems


def test_stop_words_are_dropped_from_queries():
    assert analyse_query("how do I reset the password ", "en").stems == ("reset", "password")


def test_cyrillic_text_is_detected_as_russian():
    assert detect_language("не заряжается iPhone", hint="en") == "ru"


def test_german_is_detected_by_function_words_and_umlauts():
    assert detect_language("Mein Akku lädt nicht", hint="en") == "de"
    assert detect_language("wie kann ich das Passwort ändern", hint="en") == "de"


def test_english_is_detected_by_function_words_even_when_german_was_asked():
    assert detect_language("how do I reset my password", hint="de") == "en"


def test_ambiguous_latin_text_follows_the_requested_language():
    assert detect_language("iphone akku", hint="de") == "de"
    assert detect_language("iphone akku", hint="ru") == "en"
