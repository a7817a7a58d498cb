"""Every problem the checks can raise, with a stable slug: slugs are an API users filter on.

A ``Problem`` is the concept (title, one sentence of explanation, severity); its ``template``
names the act, the field and the values, and ``Problem.record`` turns it into the
``ProblemRecord`` an Act carries. Documented with one example each in docs/problems.md.

Severities: ``error`` — the act as read is impossible or unlawful on its face (a clerk must
look); ``warning`` — likely wrong, or a source disagrees; ``info`` — we could not decide.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from actes.schemas.act import Act, ProblemRecord

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Problem:
    slug: str
    title: str
    description: str
    template: str  # str.format fields: act, field, and the values each check passes
    severity: str

    def record(self, act: Act, field: str | None, **values: Any) -> ProblemRecord:
        message = self.template.format(act=act.id, field=field, **values)
        return ProblemRecord(slug=self.slug, severity=self.severity, field=field, message=message)


_ALL = [
    # Votes
    Problem("votes-sum-mismatch", "Vote counts do not add up",
            "Pour + contre + abstentions should equal the votants (or the suffrages exprimés).",
            'act "{act}": pour {pour} + contre {contre} + abstentions {abstentions} = {total}, but votants = {votants}',
            "error"),
    Problem("votants-exceed-attendance", "More voters than members present or represented",
            "Only members present or represented by a proxy can vote.",
            'act "{act}": votants = {votants} > présents {presents} + représentés {representes}', "error"),
    Problem("votants-below-attendance", "Fewer voters than members present or represented",
            "Members present or represented who did not vote; lawful (a member may abstain from taking part) but worth a look.",
            'act "{act}": votants = {votants} < présents {presents} + représentés {representes}', "info"),
    Problem("attendance-exceeds-members", "More members present or represented than in office",
            "Présents + représentés cannot exceed the members in office.",
            'act "{act}": présents {presents} + représentés {representes} > en exercice {en_exercice}', "error"),
    Problem("too-many-proxies", "More proxies than members present",
            "A member present may hold only one proxy (CGCT L2121-20), so représentés cannot exceed présents.",
            'act "{act}": représentés = {representes} > présents = {presents}', "error"),
    Problem("unanimity-contradicted", "Unanimity stated but the counts disagree",
            "The text says unanimity while the counts show votes against or fewer pour than votants.",
            'act "{act}": unanimité stated but pour {pour}, contre {contre}, abstentions {abstentions}, votants {votants}',
            "error"),
    # Quorum
    Problem("quorum-not-reached", "Quorum not reached",
            "A council deliberates only when the majority of its members in office is present (CGCT L2121-17),"
            " unless the meeting follows a second convocation.",
            'act "{act}": présents {presents}, représentés {representes}, of {en_exercice} en exercice; {rule} needs {needed}',
            "error"),
    Problem("quorum-unverified", "Quorum not verifiable: members in office not given",
            "The act gives the members present but not those in office; half or fewer of the commune's legal"
            " council size (CGCT L2121-2, from its population) were present, which is a quorum (CGCT L2121-17)"
            " only if enough seats are vacant.",
            'act "{act}": présents {presents}, en exercice not read; a commune of {population} inhabitants has'
            " {size} councillors (CGCT L2121-2): the quorum needs {needed} present unless seats are vacant", "info"),
    # Council size (actes/checks/council.py)
    Problem("council-larger-than-legal", "More councillors in office than the law allows",
            "A commune's council has the number of members CGCT L2121-2 sets for its population; the members"
            " in office cannot exceed it (populations come from the national referential).",
            'act "{act}": {en_exercice} en exercice, but a commune of {population} inhabitants has {size}'
            " councillors (CGCT L2121-2)", "warning"),
    Problem("council-lost-a-third", "Council has lost a third of its members",
            "When a municipal council has lost a third of its members, an election completes it within three"
            " months (code électoral L258, L270; CGCT L2121-2 gives the full size).",
            'act "{act}": {en_exercice} en exercice of the {size} councillors of a commune of {population}'
            " inhabitants (CGCT L2121-2)", "info"),
    Problem("quorum-second-convocation", "Quorum not reached, second convocation stated",
            "The text states a second convocation, which lifts the quorum requirement (CGCT L2121-17 al. 2).",
            'act "{act}": présents {presents} of {en_exercice} en exercice, second convocation: "{evidence}"', "info"),
    # Dates
    Problem("convocation-after-seance", "Convocation after the meeting",
            "Members are convened before the meeting, never after.",
            'act "{act}": convocation {convocation} after séance {seance}', "error"),
    Problem("sent-before-decision", "Transmitted before it was decided",
            "An act is sent to the préfecture after it is decided or signed.",
            'act "{act}": {field} = {value} is before the decision date {decision}', "error"),
    Problem("received-before-sent", "Received before it was sent",
            "The préfecture receives an act on or after the day the authority sends it.",
            'act "{act}": received {reception} before sent {envoi}', "error"),
    Problem("published-before-decision", "Published before it was decided",
            "An act cannot be displayed or published before it exists.",
            'act "{act}": published {publication} before the decision {decision}', "error"),
    Problem("published-before-received", "Published before the préfecture received it",
            "Lawful, but the act is enforceable only once both published and transmitted (CGCT L2131-1).",
            'act "{act}": published {publication} before received {reception}', "info"),
    Problem("convocation-too-late", "Convocation sent too late",
            "Members must be convened three clear days before the meeting in a commune under 3,500 inhabitants"
            " (CGCT L2121-11), five from 3,500 (L2121-12), one in urgency; an EPCI follows the rule of its"
            " largest member commune (L5211-1). Populations come from the national referential.",
            'act "{act}": {clear_days} clear days between convocation {convocation} and séance {seance},'
            " {rule} requires {required}", "error"),
    Problem("report-delay-short", "Session convened less than twelve days ahead",
            "A département or région sends its members a report on each matter twelve days before the session"
            " (CGCT L3121-19, L4132-18); a later convocation suggests the report came late.",
            'act "{act}": convocation {convocation}, session {seance}: {days} days, the report is due {required} days before',
            "warning"),
    Problem("convocation-delay-unknown", "Convocation delay rule unknown",
            "The legal delay depends on the authority's size or kind, which we do not know (no SIREN found in the"
            " national referential, or none built: actes referential build), and the delay is short.",
            'act "{act}": {clear_days} clear days between convocation {convocation} and séance {seance};'
            " {rule}", "info"),
    Problem("date-in-future", "Date in the future",
            "A date later than today is a typing or reading error.",
            'act "{act}": {field} = {value} is after today ({today})', "error"),
    Problem("date-before-authority", "Date before the system could exist",
            "Transmission to the préfecture exists since the law of 2 March 1982 and @CTES IDs since 2004.",
            'act "{act}": {field} = {value} is before {limit} ({reason})', "error"),
    # Identity
    Problem("siren-invalid", "SIREN fails its check digit",
            "A SIREN is 9 digits with a Luhn check digit; this one is mistyped or misread.",
            'act "{act}": {field} = "{value}" is not a valid SIREN', "error"),
    Problem("siren-mismatch", "SIREN differs between sources",
            "The envelope, the stamp's @CTES ID and the body should name the same authority.",
            'act "{act}": {field} is {first} in the {first_source} but {second} in the {second_source}', "warning"),
    Problem("date-mismatch", "Decision date differs between sources",
            "The envelope, the @CTES ID and the body should give the same decision date.",
            'act "{act}": {field} is {first} in the {first_source} but {second} in the {second_source}', "warning"),
    Problem("numero-mismatch", "Act number differs between sources",
            "The envelope's NumeroInterne and the @CTES ID's number are one value; the printed number is not compared.",
            'act "{act}": {field} is {first} in the {first_source} but {second} in the {second_source}', "warning"),
    Problem("nature-mismatch", "@CTES nature code differs between sources",
            "The envelope's CodeNatureActe and the @CTES ID's suffix should agree.",
            'act "{act}": {field} is {first} in the {first_source} but {second} in the {second_source}', "warning"),
    Problem("matiere-mismatch", "Matière differs between sources",
            "The envelope's classification and the matière printed on the act should agree.",
            'act "{act}": {field} is {first} in the {first_source} but {second} in the {second_source}', "warning"),
    Problem("matiere-disagrees", "The classifier reads another matière",
            "The envelope or the act gives a matière code and the classifier, confident, reads another in the objet: the act may be mis-filed.",
            'act "{act}": matière {kept} from the {source} but the classifier reads {predicted} (confidence {confidence:.2f})',
            "warning"),
    Problem("nature-code-contradiction", "The @CTES nature code contradicts the act",
            "The act says what it is (a délibération, an arrêté…) and was transmitted under another nature code.",
            'act "{act}": the body reads as a {nature} but it was transmitted as {code} ({source})', "warning"),
    # Attendance (actes/checks/attendance.py): the séance's list of councillors
    Problem("attendance-votants-mismatch", "Attendance list and votants disagree",
            "The members named present plus those represented by a proxy should make the votants printed.",
            'act "{act}": {presents} named present + {representes} represented = {total}, but votants = {votants}',
            "warning"),
    Problem("attendance-count-mismatch", "Attendance list and printed count disagree",
            "The number of members named present should be the number of présents printed.",
            'act "{act}": {named} members named present, but présents = {printed}', "warning"),
    Problem("present-and-absent", "Listed both present and absent",
            "A member is listed present and also excused, absent or represented, with no note saying when they came or left.",
            'act "{act}": "{name}" is listed present and {other}', "warning"),
    Problem("proxy-from-present", "A member present gave a proxy",
            "Only an absent member gives a proxy (CGCT L2121-20), unless they arrived late or left early.",
            'act "{act}": "{name}" is present and gave a proxy to "{holder}"', "warning"),
    Problem("proxy-holder-absent", "Proxy held by a member not present",
            "A proxy is given to a member present at the meeting (CGCT L2121-20).",
            'act "{act}": "{name}" gave a proxy to "{holder}", who is not listed present', "warning"),
    Problem("proxy-holder-several", "A member holds several proxies",
            "A member present may hold only one proxy (CGCT L2121-20).",
            'act "{act}": "{holder}" holds {count} proxies', "error"),
    Problem("named-votes-exceed-count", "More members named than votes counted",
            "The members the text names voting against (or abstaining) cannot outnumber the votes against (or abstentions) it counts.",
            'act "{act}": {named} members named {vote}, but {field} = {count}', "warning"),  # field: votes.contre
    Problem("named-voter-not-present", "A member named voting was absent",
            "A member who votes is present or represented by a proxy; one listed excused or absent without a proxy cannot vote.",
            'act "{act}": "{name}" is named {vote} but listed {statut}', "warning"),
    # Completeness
    Problem("missing-field", "Field required by SCDL missing",
            "SCDL Délibérations 2.1.5 requires it (and every act needs an objet and a date).",
            'act "{act}": no value for {field} (required by {required_by})', "warning"),
    Problem("no-signatory", "No signatory",
            "An act is signed; no signatory was extracted and the text holds no signature formula.",
            'act "{act}": no signatory and no signature formula in the text', "warning"),
]

PROBLEMS: dict[str, Problem] = {problem.slug: problem for problem in _ALL}
assert len(PROBLEMS) == len(_ALL), "duplicate slug in the catalogue"
assert all(p.severity in SEVERITIES for p in _ALL)


def get_problem(slug: str) -> Problem:
    try:
        return PROBLEMS[slug]
    except KeyError:
        raise KeyError(f'No problem named "{slug}". Known: {", ".join(sorted(PROBLEMS))}') from None
