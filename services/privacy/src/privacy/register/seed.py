"""The register as migration 0007 seeds it, from the product's own policy (seeds/000).

Frozen: 0007 inserts exactly these rows, so a fresh install starts with them. A later change
to the seeded register is a new migration, never an edit here.
"""

from typing import Any, Final
from uuid import UUID

ZONE: Final = UUID("00000000-0000-7000-8000-000000000101")
AMAZON_SES: Final = UUID("00000000-0000-7000-8000-000000000102")
SLACK: Final = UUID("00000000-0000-7000-8000-000000000103")

CLIENT_REPRESENTATIVE_EMAIL: Final = UUID("00000000-0000-7000-8000-000000000001")
PARTICIPANT_NAMES_AND_EMAILS: Final = UUID("00000000-0000-7000-8000-000000000002")
PARTICIPANT_SLACK_IDS: Final = UUID("00000000-0000-7000-8000-000000000003")
QUESTIONS_AND_OPTIONS: Final = UUID("00000000-0000-7000-8000-000000000004")
PARTICIPANT_ANSWERS: Final = UUID("00000000-0000-7000-8000-000000000005")
ANSWER_STATISTICS: Final = UUID("00000000-0000-7000-8000-000000000006")

_ON_CLIENT_INSTRUCTIONS: Final = (
    "Soket acts on the client's documented instructions in the service contract (GDPR art. "
    "28(3)); the client, as controller, relies on its own basis under art. 6."
)
_PROVIDE_THE_SERVICE_ET: Final = (
    "Pakkuda Kliendile oma teenust, sh edastada Kliendi loodud küsimusi Osalejatele"
)


def _purpose(
    purpose: str, purpose_et: str, legal_basis: str, basis_note: str | None = None
) -> dict[str, Any]:
    return {
        "purpose": purpose,
        "purpose_et": purpose_et,
        "legal_basis": legal_basis,
        "basis_note": basis_note,
    }


PROCESSORS: Final[list[dict[str, Any]]] = [
    {
        "id": ZONE,
        "company": "Zone Media OÜ (Zone)",
        "service": "Virtual servers that host the Soket service and its databases.",
        "service_et": (
            "Zone virtuaalserveri abil pakume oma Klientidele SOKET-i küsimustike haldamise "
            "teenust."
        ),
        "processed_in": "Estonia and the Netherlands (EU/EEA)",
        "countries": ["EE", "NL"],
        "engaged_by": "soket",
        "transfer": None,
        "terms_url": "https://www.zone.ee/et/lepingud/isikuandmete-kaitse-gdpr/",
    },
    {
        "id": AMAZON_SES,
        "company": "Amazon Web Services (Amazon SES)",
        "service": (
            "Amazon Simple Email Service sends the assessment emails to participants, and "
            "Soket's notices to client users."
        ),
        "service_et": (
            "Amazon Simple E-mail Service (SES) abil edastame Osalejatele hindamiste e-kirju."
        ),
        "processed_in": "Ireland, AWS region eu-west-1 (EU/EEA)",
        "countries": ["IE"],
        "engaged_by": "soket",
        "transfer": None,
        "terms_url": "http://aws.amazon.com/service-terms/",
    },
    {
        "id": SLACK,
        "company": "Slack (Slack Technologies)",
        "service": (
            "Only when the client adds the Soket app to its own Slack workspace: Soket reads "
            "members' email addresses and Slack IDs, sends the client's questions by direct "
            "message and receives the answer buttons."
        ),
        "service_et": (
            "SOKET-it saab siduda Slack nimelise töövahendiega, et selle kaudu teadmiste "
            "hindamises osalejatega suhelda."
        ),
        "processed_in": (
            "Where the client's Slack workspace is hosted: the USA unless the client's Slack "
            "plan keeps its data in the EU"
        ),
        "countries": ["US"],
        "engaged_by": "client",
        "transfer": (
            "Only if the client connects Slack, by its own choice and under its own agreement "
            "with Slack: the questions sent, the answer buttons pressed and members' Slack IDs "
            "pass through Slack, which may process them in the USA. The policy describes Slack "
            "as an integration and does not list it among Soket's processors (volitatud "
            "töötlejad); Soket itself keeps what it loads from Slack in the EU/EEA."
        ),
        "terms_url": "https://slack.com/trust/privacy/privacy-policy",
    },
]

ACTIVITIES: Final[list[dict[str, Any]]] = [
    {
        "id": CLIENT_REPRESENTATIVE_EMAIL,
        "category": "Client representative's email address",
        "category_et": "Kliendi esindaja e-posti aadress",
        "description": (
            "The login of a client's users (admins, editors, viewers), and how Soket reaches "
            "them about the contract, the service and billing."
        ),
        "subject_kind": "client_user",
        "soket_role": "controller",
        "controller": "Soket",
        "source": (
            "The client representative: at signup, when invited by the client's admin, or in "
            "contact with the client by phone, email or otherwise (Kliendiga suheldes)."
        ),
        "purposes": [
            _purpose(
                "Conclude the contract with the client",
                "Sõlmida Kliendiga lepinguid",
                "contract",
                "GDPR art. 6(1)(b)",
            ),
            _purpose(
                "Give the client access to the service (sign-in, users, settings)",
                "Pakkuda Kliendile ligipääsu Teenusele",
                "contract",
                "GDPR art. 6(1)(b)",
            ),
            _purpose("Bill the client", "Arveldada Kliendiga", "contract", "GDPR art. 6(1)(b)"),
            _purpose(
                "Meet Soket's legal duties (accounting, answering the authorities)",
                "Täita oma juriidilisi või lepingulisi kohustusi",
                "legal_obligation",
                "GDPR art. 6(1)(c); Estonian Accounting Act (Raamatupidamise seadus)",
            ),
            _purpose(
                "Establish and exercise Soket's legal or contractual rights",
                "Realiseerida oma juriidilisi või lepingulisi õiguseid",
                "legitimate_interest",
                "GDPR art. 6(1)(f): enforcing and defending the contract",
            ),
        ],
        "retention": (
            "While the client relationship lasts: deleted when it ends (the client first gets "
            "a copy on request, P12) or earlier when the client's admin removes the user. "
            "Billing records the law requires are kept as long as the Estonian Accounting Act "
            "requires (7 years)."
        ),
        "recipients": [
            "The client's admins, who manage its users",
            "Soket's privacy officers, when a request or the contract needs it",
        ],
        "processor_ids": [ZONE, AMAZON_SES],
    },
    {
        "id": PARTICIPANT_NAMES_AND_EMAILS,
        "category": "Participants' names and email addresses, given by the client",
        "category_et": "Kliendi poolt edastatud Osalejate nimed ja e-posti aadressid",
        "description": (
            "Who the client assesses: the name and email address the client gave, with the "
            "language the client chose for its messages."
        ),
        "subject_kind": "participant",
        "soket_role": "processor",
        "controller": "The client (each client for its own participants)",
        "source": (
            "The client: typed in or uploaded (CSV) in the admin interface, or matched by email "
            "to members of the client's Slack workspace. Nothing from third-party sources (P6)."
        ),
        "purposes": [
            _purpose(
                "Deliver the client's questions to its participants by email and Slack",
                _PROVIDE_THE_SERVICE_ET,
                "contract",
                _ON_CLIENT_INSTRUCTIONS,
            )
        ],
        "retention": (
            "While the client keeps the participant: deleted at once when the client deletes "
            "them (P13), with all of the client's data when the relationship ends (P12), or on "
            "the participant's erasure request. Suppression and unsubscribe lists keep only a "
            "hash of the address."
        ),
        "recipients": ["The client's users (admins, editors, viewers)"],
        "processor_ids": [ZONE, AMAZON_SES],
    },
    {
        "id": PARTICIPANT_SLACK_IDS,
        "category": "Participants' Slack IDs, with the email address Slack gives",
        "category_et": "Slackist laetud e-posti aadressid ning Slack ID",
        "description": (
            "Loaded from the client's Slack workspace when the client adds the Soket app: only "
            "the email address and the Slack ID, nothing else (P4)."
        ),
        "subject_kind": "participant",
        "soket_role": "processor",
        "controller": "The client",
        "source": "The client's Slack workspace, only once the client connects it.",
        "purposes": [
            _purpose(
                "Link Slack users to the client's participants and send them its questions "
                "and daily questions by direct message",
                "Slacki kasutajate sidumiseks SOKET-i küsitluses osalejaga; SOKET-i küsimuste "
                "edastamiseks Slackis",
                "contract",
                _ON_CLIENT_INSTRUCTIONS,
            )
        ],
        "retention": (
            "While the client's Slack workspace stays connected: deleted when the app is "
            "removed from the workspace, when the client deletes the participant, or on the "
            "participant's erasure request."
        ),
        "recipients": ["The client's users, who see who can be reached in Slack"],
        "processor_ids": [ZONE, SLACK],
    },
    {
        "id": QUESTIONS_AND_OPTIONS,
        "category": "The client's questions and answer options",
        "category_et": "Kliendi poolt edastatud küsimused ja vastusevariandid",
        "description": (
            "Written by the client's users; they may contain work-related information "
            "(võivad sisaldada tööalast informatsiooni)."
        ),
        "subject_kind": "client_user",
        "soket_role": "processor",
        "controller": "The client",
        "source": "The client's users, in the admin interface.",
        "purposes": [
            _purpose(
                "Provide the service to the client, including delivering its questions to "
                "participants",
                _PROVIDE_THE_SERVICE_ET,
                "contract",
                _ON_CLIENT_INSTRUCTIONS,
            )
        ],
        "retention": (
            "Until the client deletes them (at once, P13) or the client relationship ends (P12)."
        ),
        "recipients": [
            "The client's users",
            "The client's participants, to whom the questions are sent",
        ],
        "processor_ids": [ZONE, AMAZON_SES, SLACK],
    },
    {
        "id": PARTICIPANT_ANSWERS,
        "category": "Participants' answers",
        "category_et": "Osaleja poolt antud vastused, mis peegeldavad nende teadmisi või arvamusi",
        "description": (
            "Answers that reflect the participant's knowledge or opinions, given on the answer "
            "page opened from the email link or with the Slack buttons."
        ),
        "subject_kind": "participant",
        "soket_role": "processor",
        "controller": "The client",
        "source": "The participant, answering the client's questions.",
        "purposes": [
            _purpose(
                "Provide the service to the client: collect the answers to its questions and "
                "show them to the client",
                _PROVIDE_THE_SERVICE_ET,
                "contract",
                _ON_CLIENT_INSTRUCTIONS,
            )
        ],
        "retention": (
            "While the client keeps the assessment: deleted at once when the client deletes it "
            "or the participant (P13), when the relationship ends (P12), or on the "
            "participant's erasure request; then free-text answers are deleted and choice "
            "answers stay only as anonymous rows with no link to the person."
        ),
        "recipients": ["The client's users"],
        "processor_ids": [ZONE, SLACK],
    },
    {
        "id": ANSWER_STATISTICS,
        "category": "Answer statistics",
        "category_et": "Hindamiste käigus tekkiv vastuste statistika",
        "description": (
            "Statistics per assessment, question, option, participant, group and day; "
            "per-person figures carry a pseudonymous reference, never a name or an email. All "
            "of it is visible to the client (P3)."
        ),
        "subject_kind": "participant",
        "soket_role": "processor",
        "controller": "The client",
        "source": "Computed by Soket from the participants' answers.",
        "purposes": [
            _purpose(
                "Show the client the statistics of its assessments",
                "Kogu loodav statistika on Kliendile nähtav läbi pakutava teenuse",
                "contract",
                _ON_CLIENT_INSTRUCTIONS,
            )
        ],
        "retention": (
            "While the client keeps the assessment: per-person statistics are deleted on the "
            "participant's erasure request, after which only anonymous aggregates remain; "
            "everything is deleted when the relationship ends (P12)."
        ),
        "recipients": ["The client's users"],
        "processor_ids": [ZONE],
    },
]
