"""The learned scorer of item starts, on invented minutes: candidates and their features, the
alignment of labelled objets with the body's headings, a model fitted on some layouts reading
another, and the evaluation's folds never scoring a file with a model that saw its authority."""

from __future__ import annotations

import json
import random

from actes.evaluation import items as evaluation
from actes.minutes import items as rules
from actes.minutes.start_model import MODEL_PATH, StartModel, align, fit, labelled_starts, read_items
from actes.minutes.starts import Start, describe, pick

HEAD = "Présents : M. Paul DURAND, Mme Claire MOREAU, M. Jean PETIT. Secrétaire de séance : M. Jean PETIT. "
OBJETS = [
    "Tarifs de la cantine scolaire",
    "Subvention au club de football",
    "Convention avec le syndicat des eaux",
    "Vente d'un terrain communal",
    "Création d'un poste d'adjoint technique",
    "Travaux de voirie rue des écoles",
    "Adhésion au groupement de commandes",
    "Rapport annuel sur le prix de l'eau",
]
VOTES = [
    "Adopté à l'unanimité.",
    "Le conseil approuve par 12 voix pour et 2 contre.",
    "Le conseil décide à l'unanimité.",
]
BODY = "Le Maire présente le dossier au conseil et rappelle le contexte de la demande reçue en mairie. "


def minutes(rng: random.Random, style: str, count: int, agenda: bool) -> tuple[str, list[str]]:
    """Invented minutes: optional agenda, then ``count`` points headed in ``style``."""
    chosen = rng.sample(OBJETS, count)
    heading = {
        "numbered": lambda k, o: f"{k}. {o}",
        "dash": lambda k, o: f"{k} - {o}",
        "caps": lambda k, o: o.upper(),
        "actnum": lambda k, o: f"Délibération n° 2023-{k:03d} : {o}",
    }[style]
    text = HEAD
    if agenda:
        text += "Ordre du jour : " + " ".join(f"{k} - {o}" for k, o in enumerate(chosen, 1)) + " "
    text += "Le procès-verbal de la séance précédente est approuvé à l'unanimité. " if style == "caps" else ""
    for k, objet in enumerate(chosen, 1):
        text += f"{heading(k, objet)} {BODY * rng.randint(1, 3)}{rng.choice(VOTES)} "
    objets = (["Le procès-verbal de la séance précédente est approuvé"] if style == "caps" else []) + chosen
    return text, objets


def test_every_scheme_is_a_candidate_and_the_rule_choice_is_a_feature():
    text, _ = minutes(random.Random(1), "numbered", 3, agenda=True)
    starts = describe(text, 0, len(text))
    numbered = [s for s in starts if "arabic" in s.schemes]
    assert len(numbered) >= 6  # the agenda's three lines and the body's three points
    chosen = [s for s in starts if s.features["rule"]]
    assert len(chosen) == 3 and all(s.features["decided_before_next"] for s in chosen)
    assert all(s.features["echo_later"] for s in numbered[:3]) and all(s.features["echo_earlier"] for s in numbered[3:])


def test_labelled_objets_align_with_the_body_not_the_agenda():
    text, objets = minutes(random.Random(2), "dash", 4, agenda=True)
    starts = describe(text, 0, len(text))
    positives = align(starts, objets)
    assert sum(positives) == 4
    body = text.index("1 - ", text.index("Ordre du jour") + 20)  # the body's first point, after the agenda's
    assert all(s.start >= body for s, p in zip(starts, positives, strict=True) if p)


def test_a_model_fitted_on_some_layouts_reads_another():
    rng = random.Random(3)
    train = []
    for k in range(24):
        style = ["numbered", "dash", "actnum"][k % 3]
        text, objets = minutes(rng, style, rng.randint(2, 5), agenda=k % 2 == 0)
        train.append(labelled_starts(f"authority-{k % 6}", text, 0, objets))
    model = fit(train, seed=0)
    assert 0.05 <= model.threshold <= 0.95 and model.meta["authorities"] == 6
    text, objets = minutes(random.Random(4), "caps", 4, agenda=False)  # a layout never seen in training
    found = read_items(text, model=model)
    assert [evaluation.similarity(i.objet, o) >= 0.5 for i, o in zip(found, objets, strict=False)] == [True] * len(
        objets
    )
    assert len(found) == len(objets)


def test_without_a_model_the_rules_answer():
    text, _ = minutes(random.Random(5), "numbered", 3, agenda=False)
    learned = [i.objet for i in read_items(text, use_model=False)]
    assert learned == [i.objet for i in rules.read_items(text)]


def test_the_shipped_model_loads():
    if not MODEL_PATH.is_file():
        return
    model = StartModel.load(MODEL_PATH)
    assert 0.0 < model.threshold < 1.0 and model.weights and model.meta["authorities"] >= 10


def test_cross_validation_never_scores_a_file_with_a_model_that_saw_its_authority(tmp_path, monkeypatch):
    rng = random.Random(6)
    lines = []
    for k in range(6):
        text, objets = minutes(rng, ["numbered", "dash", "actnum"][k % 3], 3, agenda=k % 2 == 0)
        (tmp_path / f"pv-{k}.txt").write_text(text, encoding="utf-8")
        lines.append(
            {
                "file": f"pv-{k}.txt",
                "authority": f"authority-{k % 3}",
                "split": "tune",
                "items": [{"objet": o, "outcome": "adopted"} for o in objets],
            }
        )
    labels = tmp_path / "labels.jsonl"
    labels.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    trained_on: list[set[str]] = []
    real_fit = evaluation.fit

    def spy(examples, seed=0):
        trained_on.append({ex.group for ex in examples})
        return real_fit(examples, seed)

    monkeypatch.setattr(evaluation, "fit", spy)
    reports = evaluation.evaluate_readers(labels, tmp_path)
    crossval = reports["cross-validated"]
    assert len(crossval.files) == 6 and len(trained_on) == 1 + 3  # in-sample, then one per authority
    assert trained_on[0] == {"authority-0", "authority-1", "authority-2"}
    assert sorted(tuple(sorted(groups)) for groups in trained_on[1:]) == [
        ("authority-0", "authority-1"),
        ("authority-0", "authority-2"),
        ("authority-1", "authority-2"),
    ]
    assert crossval.totals()["objets"]["f1"] >= 0.9


def _by_scheme(text: str, scheme: str):
    return [s for s in describe(text, 0, len(text)) if scheme in s.schemes]


def test_flattened_layouts_give_candidates():
    """Headings that lost their line breaks: a bullet read as a letter, a table's codes, "***"."""
    bullets = _by_scheme(
        "Avis favorable de la commission e Tarifs de la cantine scolaire. Accord à l'unanimité "
        "e Vente d'un terrain communal. Accord à l'unanimité",
        "bullet",
    )
    assert [s.title for s in bullets] == ["Tarifs de la cantine scolaire", "Vente d'un terrain communal"]
    codes = _by_scheme(
        "Objet Rapporteur Vote DO1 FINANCES - Subvention au club Paul DURAND Approuvée à l'unanimité "
        "D02 | VOIRIE - Travaux rue des écoles Paul DURAND Approuvée à l'unanimité",
        "code",
    )
    assert len(codes) == 2 and codes[0].features["followed_by_next"] and codes[1].features["follows_previous"]
    year_codes = _by_scheme(
        "D2023_014 ADOPTION DU PROCES VERBAL Le conseil approuve. D2023_015 TARIFS MUNICIPAUX", "code"
    )
    assert len(year_codes) == 2
    after_stars = _by_scheme(
        "La séance est ouverte. *** Informations générales Le Maire informe le conseil.", "separator"
    )
    assert [s.title for s in after_stars] == ["Informations générales"]
    assert not _by_scheme("Le conseil vote le budget de 1 200 € pour la salle e 3 tables.", "bullet")


def test_file_wide_features_tell_the_points_scheme_from_an_agenda_and_a_contents_list():
    text = (
        "Ordre du jour : 1) Tarifs de la cantine 2) Vente d'un terrain communal "
        "Affaire n° 1 : Tarifs de la cantine. " + BODY + "Vote : 12 pour, 0 contre. Adopté. "
        "Affaire n° 2 : Vente d'un terrain communal. " + BODY + "Approuvée à l'unanimité. "
    )
    points = _by_scheme(text, "point")
    agenda = _by_scheme(text, "arabic")
    assert len(points) == 2 and len(agenda) == 2
    assert all(s.features["scheme_voted_share"] == 1.0 and s.features["scheme_most_voted"] for s in points)
    assert all(s.features["voted_before_next"] for s in points)
    assert not any(s.features["scheme_most_voted"] for s in agenda)
    toc = "1. FINANCES ............ 5 2. URBANISME ............ 7"
    contents = describe(toc, 0, len(toc))
    assert contents and all(s.features["title_leaders"] for s in contents)


def test_a_title_that_opens_a_sentence_of_the_body_is_marked():
    text = "1. Vu le code général des collectivités territoriales 2. Tarifs de la cantine scolaire " + BODY
    starts = describe(text, 0, len(text))
    prose = {s.title.split()[0]: s.features["title_prose"] for s in starts if s.title}
    assert prose["Vu"] == 1.0 and prose["Tarifs"] == 0.0


def test_a_numbered_point_the_model_half_believes_is_kept_between_its_neighbours():
    def start(at: int, number: int, scheme: str = "arabic") -> Start:
        return Start(rules.Heading(at, at + 3, str(number), (number, 0), scheme), "Titre", {scheme})

    chain = [start(0, 1), start(100, 2), start(200, 3)]
    assert [s.start for s in pick(chain, [0.9, 0.2, 0.9], 0.3)] == [0, 100, 200]
    assert [s.start for s in pick(chain, [0.9, 0.1, 0.9], 0.3)] == [0, 200]  # under half the threshold
    caps = [start(0, 1), start(100, 0, "caps"), start(200, 2)]
    assert [s.start for s in pick(caps, [0.9, 0.2, 0.9], 0.3)] == [0, 200]  # no number to continue
    skipped = [start(0, 1), start(100, 5), start(200, 3)]
    assert [s.start for s in pick(skipped, [0.9, 0.2, 0.9], 0.3)] == [0, 200]
    # two schemes' headings continued in the same pass, 5 characters apart: one point, not two
    twins = [start(0, 1), start(50, 1, "point"), start(100, 2), start(105, 2, "point")]
    assert [s.start for s in pick(twins, [0.9, 0.9, 0.2, 0.2], 0.3)] == [0, 50, 100]


def test_headings_run_into_one_line_are_each_a_candidate_with_its_own_title():
    text = (
        HEAD + "Le procès-verbal est adopté à l'unanimité. N° 2023-45 – OBJET : Tarifs de la cantine scolaire "
        "Le Maire expose le dossier. Adopté à l'unanimité. 3. FINANCES – Subvention au club de football "
        "Le Maire expose le dossier. Adopté à l'unanimité. Délibération n° 2023-46 : Vente d'un terrain communal "
        "Le Maire expose le dossier. Adopté à l'unanimité. POINT N° 4 Travaux de voirie rue des écoles "
        "Le Maire expose le dossier. Adopté à l'unanimité."
    )
    titles = {}
    for s in describe(text, len(HEAD), len(text)):
        titles.setdefault(s.title, set()).update(s.schemes)
    assert titles["Tarifs de la cantine scolaire"] == {"actnum", "objet"}  # one heading: its number, then "OBJET :"
    assert "arabic" in titles["FINANCES – Subvention au club de football"]
    assert "actnum" in titles["Vente d'un terrain communal"]
    assert "point" in titles["Travaux de voirie rue des écoles"]


def test_a_note_of_someone_leaving_or_arriving_is_marked_as_prose():
    text = "1 Quitte la séance à 21 h 12 au point 4 2 Arrivée à 18 h 50 3. Tarifs de la cantine scolaire " + BODY
    prose = {s.title.split()[0]: s.features["title_prose"] for s in describe(text, 0, len(text)) if s.title}
    assert prose["Quitte"] == 1.0 and prose["Arrivée"] == 1.0 and prose["Tarifs"] == 0.0


def test_the_report_of_decisions_taken_by_delegation_is_a_candidate():
    text = (
        HEAD + "Le procès-verbal est adopté à l'unanimité. Madame le Maire donne connaissance au conseil des "
        "décisions prises dans le cadre des délégations qui lui ont été données. Liste des décisions du Maire "
        "par délégation du Conseil municipal. " + BODY
    )
    found = [s for s in describe(text, len(HEAD), len(text)) if "decisions" in s.schemes]
    assert [s.title.split()[0] for s in found] == ["décisions", "Liste"]


def test_the_previous_minutes_approved_once_make_one_point():
    def start(at: int, title: str) -> Start:
        return Start(rules.Heading(at, at, "pv", (0, 0), "pv"), title, {"pv"})

    heading = start(0, "Approbation du procès-verbal de la séance du 26 janvier 2023")
    vote = start(200, "ADOPTE le procès-verbal de la séance du 26 janvier 2023")
    sentence = start(200, "Le procès-verbal de la dernière séance est approuvé à l'unanimité")
    other = start(200, "Approbation du procès-verbal du 20 décembre 2022")
    undated = start(200, "APPROBATION DU PROCES VERBAL DU")
    point = Start(rules.Heading(400, 403, "1", (1, 0), "arabic"), "Tarifs de la cantine", {"arabic"})
    assert [s.start for s in pick([heading, vote, point], [0.9, 0.9, 0.9], 0.5)] == [0, 400]
    assert [s.start for s in pick([heading, sentence, point], [0.9, 0.9, 0.9], 0.5)] == [0, 400]
    # minutes of two dates, or a second heading that prints none, are two points
    assert [s.start for s in pick([heading, other, point], [0.9, 0.9, 0.9], 0.5)] == [0, 200, 400]
    assert [s.start for s in pick([start(0, "APPROBATION DU PROCES VERBAL DU"), undated], [0.9, 0.9], 0.5)] == [0, 200]


def test_minutes_of_two_months_or_a_transfer_of_assets_are_points_of_their_own():
    def start(at: int, title: str) -> Start:
        return Start(rules.Heading(at, at, "pv", (0, 0), "pv"), title, {"pv"})

    def points(*titles: str) -> list[int]:
        found = [start(200 * k, t) for k, t in enumerate(titles)]
        return [s.start for s in pick(found, [0.9] * len(found), 0.5)]

    # the same day of two months: the month names tell them apart
    january = "Approbation du PV de la séance du 8 janvier 2025"
    assert points(january, "Approbation du PV de la séance du 8 mars 2025") == [0, 200]
    assert points(january, "Le PV de la séance du 8 mars 2025 est adopté à l'unanimité") == [0, 200]
    assert points(january, "Le PV de la séance du 08/01/2025 est adopté à l'unanimité") == [0]
    assert points("Approbation du PV du conseil du 8 janvier", "Le PV du 8 mars est approuvé") == [0, 200]
    # procès-verbaux of a transfer of assets name no meeting: two points
    assert points(
        "Approbation du procès-verbal de mise à disposition des biens de la zone de Valbrenne",
        "Procès-verbal de transfert des équipements du stade : approbation",
    ) == [0, 200]


def test_a_candidate_whose_title_no_item_has_is_never_picked():
    def start(at: int, number: int, title: str) -> Start:
        return Start(rules.Heading(at, at + 3, str(number), (number, 0), "arabic"), title, {"arabic"})

    heads = [
        start(0, 1, "Tarifs de la cantine scolaire"),
        start(100, 2, "). Le quorum étant atteint"),
        start(200, 3, "I. 1"),
        start(300, 4, "Vente d'un terrain communal"),
        start(400, 5, "« Maison des associations » : convention d'occupation"),
        start(500, 6, "Pour : 12 Contre : 2"),
        start(600, 7, "EN CONSEQUENCE LE BUREAU, APRES EN AVOIR DELIBERE"),
        start(700, 8, "ORDRE DU JOUR"),
        start(800, 9, "Pour une cantine scolaire bio"),
    ]
    assert [s.start for s in pick(heads, [0.9] * 9, 0.3)] == [0, 300, 400, 800]
    # nor kept to continue a chain the model half-believes
    assert [s.start for s in pick(heads[:4], [0.9, 0.2, 0.2, 0.9], 0.3)] == [0, 300]


def test_a_title_that_begins_with_pour_and_a_year_is_a_title_a_vote_line_is_not():
    from actes.minutes.starts import _unfit_title

    assert not _unfit_title("Pour 2025 : tarifs de la cantine")
    assert _unfit_title("Pour : 12 Contre : 3")
    assert _unfit_title("Pour 14 voix")
