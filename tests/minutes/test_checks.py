"""Attendance arithmetic as problems: never a crash, one problem per inconsistency."""

from actes.checks import run_checks
from actes.checks.attendance import seance_problems
from actes.schemas.seance import Presence, Seance
from tests.factories import make_act


def _seance(*presences: Presence) -> Seance:
    return Seance(id="seance-x", presences=list(presences), source_sha256="0" * 64, pages=[1])


def P(nom, statut="present", mandataire=None, **kw):  # noqa: N802 - reads like a table
    return Presence(nom=nom, statut=statut, mandataire=mandataire, **kw)


def slugs(act):
    return sorted(p.slug for p in seance_problems(act))


def test_consistent_attendance_has_no_problem():
    seance = _seance(P("Paul DURAND"), P("Claire MOREAU"), P("Julie BLANC", "represented", "Claire MOREAU"),
                     P("Marc NOIR", "excused"))
    act = make_act(seance=seance, votes={"presents": 2, "votants": 3})
    assert slugs(act) == []


def test_counts_that_do_not_add_up():
    seance = _seance(P("Paul DURAND"), P("Claire MOREAU"), P("Julie BLANC", "represented", "Claire MOREAU"))
    act = make_act(seance=seance, votes={"presents": 3, "votants": 4})
    assert slugs(act) == ["attendance-count-mismatch", "attendance-votants-mismatch"]


def test_a_substitute_is_counted_present_through_the_member_who_sits():
    seance = _seance(P("Paul DURAND"), P("Luc PETIT"), P("Marc NOIR", "represented", "Luc PETIT", suppleant=True))
    assert slugs(make_act(seance=seance, votes={"votants": 2})) == []


def test_arrivals_make_the_counts_vary_and_are_left_alone():
    seance = _seance(P("Paul DURAND"), P("Claire MOREAU", notes=["à partir du point 3"]))
    assert slugs(make_act(seance=seance, votes={"presents": 1, "votants": 1})) == []


def test_proxies_from_present_to_absent_and_twice():
    seance = _seance(
        P("Paul DURAND"), P("Claire MOREAU", mandataire="Paul DURAND"),
        P("Julie BLANC", "represented", "Hugo GRIS"), P("Hugo GRIS", "absent"),
        P("Marc NOIR", "represented", "Paul DURAND"), P("Rose VERT", "represented", "DURAND"),
    )
    assert slugs(make_act(seance=seance)) == ["proxy-from-present", "proxy-holder-absent", "proxy-holder-several"]


def test_listed_present_and_excused():
    seance = _seance(P("Paul DURAND", also_listed=["excused"], notes=["also listed as excused"]), P("Claire MOREAU"))
    assert slugs(make_act(seance=seance)) == ["present-and-absent"]


def test_items_away_from_the_block_do_not_repeat_the_problem():
    seance = _seance(P("Paul DURAND"), P("Julie BLANC", "represented", "Hugo GRIS"))
    assert slugs(make_act(seance=seance, pages=[4])) == []
    assert "proxy-holder-absent" in {p.slug for p in run_checks(make_act(seance=seance, pages=[1]))}


def test_acts_without_seance_are_not_checked():
    assert seance_problems(make_act()) == []
