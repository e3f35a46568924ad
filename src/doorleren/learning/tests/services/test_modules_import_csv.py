import datetime
import io

import pytest

from doorleren.core.errors import ApplicationError
from doorleren.learning.models import (
    DeliveryMode,
    Module,
    ModuleCompetency,
    ModulePrerequisite,
    ModuleStart,
    PublicationStatus,
)
from doorleren.learning.services import MAX_FILE_BYTES, MAX_ROWS, ModuleImportError, modules_import_csv
from doorleren.learning.services.modules_import import MAX_ERRORS_SHOWN
from doorleren.learning.tests.factories import CompetencyFactory, ModuleFactory
from doorleren.learning.views import EXAMPLE_CSV
from doorleren.organisations.tests.factories import GovernmentFactory

pytestmark = pytest.mark.django_db

HEADER = "code,titel,omschrijving,uren,prijs_euro,nlqf,vorm,gemeente,competenties,voorkennis,startdata"


def csv_file(*lines: str, header: str = HEADER, bom: bool = False) -> io.BytesIO:
    text = "\n".join([header, *lines]) + "\n"
    return io.BytesIO((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))


def import_error(provider, file) -> ModuleImportError:
    with pytest.raises(ModuleImportError) as caught:
        modules_import_csv(provider=provider, file=file)
    return caught.value


def messages(error: ModuleImportError) -> list[str]:
    return [e.message for e in error.errors]


@pytest.fixture
def competencies(db):
    return [CompetencyFactory(code="zorg-observeren"), CompetencyFactory(code="zorg-rapporteren")]


def snapshot(provider) -> list:
    """Everything the import can touch, to prove a failed import changed nothing."""
    modules = list(Module.objects.filter(provider=provider).order_by("code").values())
    links = list(ModuleCompetency.objects.filter(module__provider=provider).order_by("pk").values())
    prerequisites = list(ModulePrerequisite.objects.filter(module__provider=provider).order_by("pk").values())
    starts = list(ModuleStart.objects.filter(module__provider=provider).order_by("pk").values())
    return [modules, links, prerequisites, starts]


# ---- happy path


def test_import_creates_modules_with_competencies_prerequisites_and_starts(school, competencies, groningen):
    result = modules_import_csv(
        provider=school,
        file=csv_file(
            'Z1,Zorg thuis,Leer zorgen.,40,"450,00",3,op locatie,Groningen,"zorg-observeren:2;zorg-rapporteren:3",,"2026-09-01;2027-02-01"',
            "Z2,Rapporteren,,24,295.5,,online,,zorg-rapporteren:4,Z1,2026-10-05",
        ),
    )

    assert (result.created, result.updated, result.unchanged, result.rows) == (2, 0, 0, 2)
    z1 = Module.objects.get(provider=school, code="Z1")
    assert (z1.title, z1.description, z1.hours, z1.price_cents, z1.nlqf_level) == (
        "Zorg thuis",
        "Leer zorgen.",
        40,
        45000,
        3,
    )
    assert (z1.mode, z1.municipality, z1.status, z1.language) == (
        DeliveryMode.ON_SITE,
        groningen,
        PublicationStatus.PUBLISHED,
        "nl",
    )
    assert {(link.competency.code, link.level) for link in z1.competency_links.all()} == {
        ("zorg-observeren", 2),
        ("zorg-rapporteren", 3),
    }
    assert [s.start_date for s in z1.starts.all()] == [datetime.date(2026, 9, 1), datetime.date(2027, 2, 1)]
    z2 = Module.objects.get(provider=school, code="Z2")
    assert (z2.mode, z2.municipality, z2.nlqf_level, z2.price_cents) == (
        DeliveryMode.ONLINE,
        None,
        None,
        29550,
    )
    assert list(z2.prerequisites.all()) == [z1]


def test_semicolon_file_with_bom_and_crlf_is_read(school, competencies, assen):
    text = (
        "code;titel;uren;prijs_euro;vorm;gemeente;competenties\r\n"
        'A1;Assen lokaal;8;12,35;gemengd;GM0106;"zorg-observeren:1;zorg-rapporteren:1"\r\n'
    )
    result = modules_import_csv(provider=school, file=io.BytesIO(b"\xef\xbb\xbf" + text.encode("utf-8")))

    assert result.created == 1
    module = Module.objects.get(code="A1")
    assert (module.price_cents, module.mode, module.municipality) == (1235, DeliveryMode.BLENDED, assen)
    assert module.competency_links.count() == 2


def test_header_with_bom_in_a_comma_file_is_recognised(school):
    result = modules_import_csv(provider=school, file=csv_file("B1,Met BOM,,4,0,,online,,,,", bom=True))
    assert result.created == 1


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("12,35", 1235),
        ("0,1", 10),
        ("0.1", 10),
        ("450", 45000),
        ("450,00", 45000),
        ("€ 7,5", 750),
        ("0", 0),
        ("19.99", 1999),
    ],
)
def test_prices_are_converted_exactly_to_cents(school, text, cents):
    modules_import_csv(provider=school, file=csv_file(f'P1,Prijs,,4,"{text}",,online,,,,'))
    assert Module.objects.get(code="P1").price_cents == cents


def test_old_municipality_name_resolves_to_the_current_one(school):
    modules_import_csv(provider=school, file=csv_file("H1,Haren,,4,0,,op locatie,Haren,,,"))
    assert Module.objects.get(code="H1").municipality.code == "GM0014"  # Haren merged into Groningen in 2019


def test_taal_and_status_columns(school):
    header = "code,titel,uren,prijs_euro,vorm,taal,status"
    modules_import_csv(provider=school, file=csv_file("T1,Engels,4,0,online,en,concept", header=header))
    module = Module.objects.get(code="T1")
    assert (module.language, module.status) == ("en", PublicationStatus.DRAFT)


def test_prerequisite_can_be_an_existing_module_not_in_the_file(school):
    existing = ModuleFactory(provider=school, code="BASIS")
    modules_import_csv(provider=school, file=csv_file("V1,Vervolg,,4,0,,online,,,BASIS,"))
    assert list(Module.objects.get(code="V1").prerequisites.all()) == [existing]


def test_the_example_file_of_the_upload_page_imports(school):
    for code in [
        "zorg-dagelijkse-verzorging",
        "zorg-observeren",
        "zorg-rapporteren",
        "ict-basis-computer",
        "digi-zoeken-internet",
    ]:
        CompetencyFactory(code=code)
    result = modules_import_csv(provider=school, file=io.BytesIO(EXAMPLE_CSV.encode("utf-8")))
    assert result.created == 3


def test_a_text_stream_works_too(school):
    result = modules_import_csv(provider=school, file=io.StringIO(HEADER + "\nS1,Tekst,,4,0,,online,,,,\n"))
    assert result.created == 1


# ---- idempotent re-import


def test_importing_the_same_file_twice_changes_nothing_the_second_time(school, competencies):
    lines = (
        'Z1,Zorg thuis,Leer zorgen.,40,"450,00",3,op locatie,Groningen,"zorg-observeren:2",,"2026-09-01;2027-02-01"',
        "Z2,Rapporteren,,24,295.5,,online,,zorg-rapporteren:4,Z1,2026-10-05",
    )
    modules_import_csv(provider=school, file=csv_file(*lines))
    before = snapshot(school)

    result = modules_import_csv(provider=school, file=csv_file(*lines))

    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert snapshot(school) == before


def test_reimport_updates_existing_module_by_code(school, competencies):
    modules_import_csv(
        provider=school,
        file=csv_file(
            'Z1,Oud,,40,"450,00",3,op locatie,Groningen,"zorg-observeren:2",,"2026-09-01;2027-02-01"'
        ),
    )
    module_id = Module.objects.get(code="Z1").pk
    kept_start = ModuleStart.objects.get(module_id=module_id, start_date=datetime.date(2027, 2, 1))
    kept_start.seats = 12
    kept_start.save()

    result = modules_import_csv(
        provider=school,
        file=csv_file(
            'Z1,Nieuw,,40,"500",3,op locatie,Groningen,"zorg-rapporteren:3",,"2027-02-01;2027-09-01"'
        ),
    )

    assert (result.created, result.updated, result.unchanged) == (0, 1, 0)
    module = Module.objects.get(code="Z1")
    assert module.pk == module_id
    assert (module.title, module.price_cents) == ("Nieuw", 50000)
    assert {(c.competency.code, c.level) for c in module.competency_links.all()} == {("zorg-rapporteren", 3)}
    starts = {s.start_date: s.seats for s in module.starts.all()}
    assert starts == {datetime.date(2027, 2, 1): 12, datetime.date(2027, 9, 1): None}


def test_only_a_changed_competency_counts_as_updated(school, competencies):
    modules_import_csv(provider=school, file=csv_file("C1,Comp,,4,0,,online,,zorg-observeren:2,,"))
    result = modules_import_csv(provider=school, file=csv_file("C1,Comp,,4,0,,online,,zorg-observeren:3,,"))
    assert (result.updated, result.unchanged) == (1, 0)
    assert ModuleCompetency.objects.get(module__code="C1").level == 3


def test_columns_missing_from_the_header_leave_existing_data_alone(school, competencies, groningen):
    modules_import_csv(
        provider=school,
        file=csv_file(
            'K1,Kolommen,Uitleg blijft.,4,0,2,op locatie,Groningen,"zorg-observeren:2",,2026-09-01'
        ),
    )
    result = modules_import_csv(
        provider=school,
        file=csv_file("K1,Nieuwe titel,4,0,op locatie", header="code,titel,uren,prijs_euro,vorm"),
    )
    assert result.updated == 1
    module = Module.objects.get(code="K1")
    assert (module.title, module.description, module.nlqf_level, module.municipality) == (
        "Nieuwe titel",
        "Uitleg blijft.",
        2,
        groningen,
    )
    assert module.competency_links.count() == 1
    assert module.starts.count() == 1


def test_same_code_at_another_provider_is_another_module(school):
    other = ModuleFactory(code="Z1", title="Van een ander")
    modules_import_csv(provider=school, file=csv_file("Z1,Van mij,,4,0,,online,,,,"))
    other.refresh_from_db()
    assert other.title == "Van een ander"
    assert Module.objects.filter(code="Z1").count() == 2


# ---- all or nothing


def test_one_bad_row_stores_nothing(school, competencies):
    ModuleFactory(provider=school, code="Z1", title="Bestaand", price_cents=100)
    before = snapshot(school)

    error = import_error(
        school,
        csv_file(
            "Z1,Gewijzigd,,40,500,3,online,,zorg-observeren:2,,2026-09-01",
            "Z2,Nieuw,,40,500,3,online,,,,",
            "Z3,Fout,,40,twaalf,3,online,,,,",
        ),
    )

    assert messages(error) == [
        "Regel 4: het bedrag 'twaalf' is geen geldig bedrag. Schrijf bijvoorbeeld 450 of 12,35 (zonder punt voor duizendtallen)."
    ]
    assert snapshot(school) == before
    assert not Module.objects.filter(code__in=["Z2", "Z3"]).exists()


def test_every_bad_row_gets_its_own_message_with_line_number(school):
    error = import_error(
        school,
        csv_file(
            "G1,Goed,,4,0,,online,,,,",
            "F1,Fout uren,,veel,0,,online,,,,",
            "F2,Fout vorm,,4,0,,per post,,,,",
        ),
    )
    assert [e.line for e in error.errors] == [3, 4]
    assert error.errors[0].message.startswith("Regel 3: het aantal uren 'veel'")
    assert error.errors[1].message.startswith("Regel 4: de vorm 'per post' kennen wij niet")
    assert error.code == "import_invalid"
    assert error.extra["errors"][0] == {"line": 3, "message": error.errors[0].message}
    assert not Module.objects.exists()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (",Zonder code,,4,0,,online,,,,", "Regel 2: de code is leeg."),
        ("X;1,Puntkomma,,4,0,,online,,,,", "Regel 2: de code 'X;1' bevat een ; of een ,. Dat mag niet."),
        ("X1,,,4,0,,online,,,,", "Regel 2: de titel is leeg."),
        (
            "X1,Titel,,0,0,,online,,,,",
            "Regel 2: het aantal uren '0' is geen heel getal van 1 tot en met 100000.",
        ),
        (
            "X1,Titel,,4.5,0,,online,,,,",
            "Regel 2: het aantal uren '4.5' is geen heel getal van 1 tot en met 100000.",
        ),
        ("X1,Titel,,4,-5,,online,,,,", "Regel 2: het bedrag '-5' is geen geldig bedrag."),
        ('X1,Titel,,4,"1.234,50",,online,,,,', "Regel 2: het bedrag '1.234,50' is geen geldig bedrag."),
        ('X1,Titel,,4,"12,345",,online,,,,', "Regel 2: het bedrag '12,345' is geen geldig bedrag."),
        ("X1,Titel,,4,,,online,,,,", "Regel 2: het bedrag '' is geen geldig bedrag."),
        ("X1,Titel,,4,0,9,online,,,,", "Regel 2: het NLQF-niveau '9' moet 1 tot en met 8 zijn, of leeg."),
        (
            "X1,Titel,,4,0,,thuis,,,,",
            "Regel 2: de vorm 'thuis' kennen wij niet. Kies op locatie, online of gemengd.",
        ),
        (
            "X1,Titel,,4,0,,online,Groningen,,,",
            "Regel 2: een online module heeft geen gemeente. Laat 'gemeente' leeg.",
        ),
        ("X1,Titel,,4,0,,op locatie,,,,", "Regel 2: vul de gemeente in: de module is niet alleen online."),
        (
            "X1,Titel,,4,0,,op locatie,Parijs,,,",
            "Regel 2: de gemeente 'Parijs' kennen wij niet in de regio Groningen en Noord-Drenthe.",
        ),
        (
            "X1,Titel,,4,0,,online,,onbekend:2,,",
            "Regel 2: de competentie 'onbekend' kennen wij niet. Kijk de code na in de competentiekaart.",
        ),
        (
            "X1,Titel,,4,0,,online,,zorg-observeren,,",
            "Regel 2: bij competentie 'zorg-observeren' ontbreekt het niveau.",
        ),
        (
            "X1,Titel,,4,0,,online,,zorg-observeren:5,,",
            "Regel 2: het niveau '5' bij competentie 'zorg-observeren' moet 1, 2, 3 of 4 zijn.",
        ),
        (
            'X1,Titel,,4,0,,online,,"zorg-observeren:1;zorg-observeren:2",,',
            "Regel 2: de competentie 'zorg-observeren' staat er twee keer in.",
        ),
        ("X1,Titel,,4,0,,online,,,X1,", "Regel 2: de module kan niet zichzelf als voorkennis hebben."),
        ("X1,Titel,,4,0,,online,,,ONBEKEND,", "Regel 2: de voorkennis 'ONBEKEND' is geen module van u."),
        (
            "X1,Titel,,4,0,,online,,,,01-09-2026",
            "Regel 2: de startdatum '01-09-2026' klopt niet. Schrijf JJJJ-MM-DD",
        ),
        ("X1,Titel,,4,0,,online,,,,2026-02-30", "Regel 2: de startdatum '2026-02-30' klopt niet."),
        (
            'X1,Titel,,4,0,,online,,,,"2026-09-01;2026-09-01"',
            "Regel 2: de startdatum 2026-09-01 staat er twee keer in.",
        ),
        ("X1,Titel,,4,0,,online,,,,,extra", "Regel 2: deze regel heeft 12 velden, de kopregel 11."),
    ],
)
def test_each_kind_of_bad_row_is_refused_with_a_dutch_message(school, competencies, line, expected):
    error = import_error(school, csv_file(line))
    assert len(error.errors) == 1
    assert error.errors[0].message.startswith(expected)
    assert error.errors[0].line == 2
    assert not Module.objects.exists()


def test_bad_taal_and_status_values_are_refused(school):
    error = import_error(
        school, csv_file("T1,T,4,0,online,xx,weg", header="code,titel,uren,prijs_euro,vorm,taal,status")
    )
    assert messages(error) == [
        "Regel 2: de taal 'xx' kennen wij niet. Kies nl, en, de of fy.",
        "Regel 2: de status 'weg' kennen wij niet. Kies gepubliceerd of concept.",
    ]


def test_duplicate_code_in_the_file_is_refused(school):
    error = import_error(school, csv_file("D1,Een,,4,0,,online,,,,", "D1,Twee,,4,0,,online,,,,"))
    assert messages(error) == ["Regel 3: de code 'D1' staat ook al op regel 2."]


def test_line_numbers_count_blank_lines_and_multiline_fields(school):
    error = import_error(
        school,
        csv_file('M1,Meer regels,"regel een\nregel twee",4,0,,online,,,,', "", "M2,Fout,,x,0,,online,,,,"),
    )
    assert [e.line for e in error.errors] == [5]


def test_new_module_on_site_needs_a_gemeente_column(school):
    error = import_error(
        school, csv_file("N1,Nieuw,4,0,op locatie", header="code,titel,uren,prijs_euro,vorm")
    )
    assert messages(error) == [
        "Regel 2: vul de gemeente in: de module is niet alleen online. Voeg de kolom 'gemeente' toe."
    ]


# ---- prerequisites cycles


def test_a_cycle_within_the_file_is_refused_and_nothing_is_stored(school):
    error = import_error(
        school,
        csv_file("A,Een,,4,0,,online,,,C,", "B,Twee,,4,0,,online,,,A,", "C,Drie,,4,0,,online,,,B,"),
    )
    assert len(error.errors) == 1
    assert error.errors[0].line in (2, 3, 4)
    assert "de voorkennis maakt een kring" in error.errors[0].message
    assert not Module.objects.exists()
    assert not ModulePrerequisite.objects.exists()


def test_a_cycle_through_an_existing_module_is_refused(school):
    modules_import_csv(provider=school, file=csv_file("A,Een,,4,0,,online,,,,", "B,Twee,,4,0,,online,,,A,"))
    before = snapshot(school)
    error = import_error(school, csv_file("A,Een,,4,0,,online,,,B,"))
    assert "A → B → A" in error.errors[0].message
    assert snapshot(school) == before


# ---- the whole file


def test_file_over_the_size_limit_is_refused(school):
    big = io.BytesIO(HEADER.encode() + b"\n" + b"x" * MAX_FILE_BYTES)
    error = import_error(school, big)
    assert messages(error) == ["Het bestand is groter dan 2 MB. Verdeel de modules over meer bestanden."]
    assert error.errors[0].line is None


def test_uploaded_file_size_is_checked_before_reading(school):
    class Upload(io.BytesIO):
        size = MAX_FILE_BYTES + 1

    error = import_error(school, Upload(b""))
    assert "groter dan 2 MB" in error.errors[0].message


def test_too_many_rows_is_refused(school):
    lines = [f"R{i},Regel {i},,4,0,,online,,,," for i in range(MAX_ROWS + 1)]
    error = import_error(school, csv_file(*lines))
    assert messages(error) == ["Het bestand heeft meer dan 5.000 modules. Verdeel ze over meer bestanden."]
    assert not Module.objects.exists()


def test_exactly_the_row_limit_is_accepted(school):
    lines = [f"R{i},Regel {i},,4,0,,online,,,," for i in range(MAX_ROWS)]
    assert modules_import_csv(provider=school, file=csv_file(*lines)).created == MAX_ROWS


def test_not_utf8_is_refused(school):
    error = import_error(school, io.BytesIO((HEADER + "\nL1,Café,,4,0,,online,,,,\n").encode("latin-1")))
    assert "geen UTF-8-tekst" in messages(error)[0]


def test_empty_file_is_refused(school):
    assert messages(import_error(school, io.BytesIO(b" \n"))) == ["Het bestand is leeg."]


def test_header_only_is_refused(school):
    assert messages(import_error(school, csv_file())) == [
        "Het bestand heeft geen modules: alleen een kopregel."
    ]


def test_binary_file_is_refused(school):
    assert "geen CSV-bestand" in messages(import_error(school, io.BytesIO(b"code\x00titel")))[0]


def test_unknown_and_missing_header_columns_are_named(school):
    error = import_error(school, csv_file("X,Y", header="code,prijs"))
    assert messages(error) == [
        "Regel 1: de kolom 'prijs' kennen wij niet. Gebruik deze kolommen: "
        "code, titel, uren, prijs_euro, vorm, omschrijving, nlqf, gemeente, competenties, voorkennis, startdata, taal, status.",
        "Regel 1: deze kolommen ontbreken in de kopregel: titel, uren, prijs_euro, vorm.",
    ]


def test_duplicate_header_column_is_refused(school):
    error = import_error(school, csv_file("X", header="code,titel,uren,prijs_euro,vorm,code"))
    assert messages(error) == ["Regel 1: de kolom 'code' staat er twee keer in."]


def test_error_list_is_capped(school):
    lines = [f"R{i},Regel,,x,0,,online,,,," for i in range(MAX_ERRORS_SHOWN + 10)]
    error = import_error(school, csv_file(*lines))
    assert len(error.errors) == MAX_ERRORS_SHOWN + 1
    assert error.errors[-1].message == "En nog 10 fouten. Verbeter eerst de fouten hierboven."
    assert "er zijn 210 fouten" in error.message


def test_only_schools_and_companies_can_import(db):
    with pytest.raises(ApplicationError) as caught:
        modules_import_csv(provider=GovernmentFactory(), file=csv_file("G1,Gemeente,,4,0,,online,,,,"))
    assert caught.value.code == "provider_kind_invalid"
    assert not Module.objects.exists()
