"""How attendance lists print names, and when two printings are one person."""

from actes.minutes import names


def test_word_kinds():
    assert [names.word_kind(w) for w in ["DURAND", "Paul", "Jean-Claude", "de", "S.", "P-Y", "le", "d'EU"]] == [
        "U", "C", "C", "p", "I", "I", "p", "U"]
    assert names.word_kind("MAIRE") == "U"  # a surname in capitals, not the title
    assert names.word_kind("Maire") == ""


def test_split_run_cuts_persons_by_case_alternation():
    def cut(text):
        words = text.split()
        return [" ".join(p) for p in names.split_run(words, [names.word_kind(w) for w in words])]

    assert cut("Chantal PIGNARD Marie-Thérèse THEVENET") == ["Chantal PIGNARD", "Marie-Thérèse THEVENET"]
    assert cut("BLANCHET Stéphane BERNEX Brigitte") == ["BLANCHET Stéphane", "BERNEX Brigitte"]
    assert cut("Florence MARQUES DA SILVA") == ["Florence MARQUES DA SILVA"]
    assert cut("Pascal Thévenot") == ["Pascal Thévenot"]


def test_same_person_ignores_civility_case_accents_and_order():
    assert names.same_person("M. Durand Paul", "paul DURAND")
    assert names.same_person("Hélène LACIPIÈRE", "helene lacipiere")
    assert names.same_person("JeanClaude GARDE", "Jean-Claude GARDE")
    assert not names.same_person("MOREAU Vanessa", "MOREAU Marie-Françoise")
    assert names.covers("Nelly", "Nelly WIDMER")


def test_ocr_marks_are_cleaned():
    assert names.clean_word("SARI1") == "SARI"
    assert names.split_glued("MohamedANAJJAR") == ["Mohamed", "ANAJJAR"]
