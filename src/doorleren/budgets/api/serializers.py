"""Input and output of the budgets API. Amounts are whole cents; every sentence is plain Dutch."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..selectors.split import ID_MAX, MODULES_MAX


class BudgetFunderOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    kind = serializers.CharField(
        help_text="regional_llo, municipality, employer, sector_fund, uwv of own_budget (eigen ontwikkelbudget)."
    )
    kind_label = serializers.CharField(source="get_kind_display")


class ResidentBudgetOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="budget.pk")
    funder = BudgetFunderOutputSerializer()
    rule = serializers.CharField(source="rule.name", help_text="De naam van de regeling.")
    amount_cents = serializers.IntegerField(source="budget.amount_cents", help_text="Gekregen, in centen.")
    balance_cents = serializers.IntegerField(help_text="Nog over, in centen.")
    valid_from = serializers.DateField(source="budget.valid_from")
    valid_until = serializers.DateField(help_text="Te gebruiken tot en met deze dag.")
    usable = serializers.BooleanField(
        help_text="Nu te gebruiken: geldig, niet ingetrokken en er is geld over."
    )
    expired = serializers.BooleanField()
    withdrawn = serializers.BooleanField()
    pays_for = serializers.ListField(child=serializers.CharField(), help_text="Waarvoor, in korte zinnen.")
    sentence = serializers.CharField()


class BudgetRuleOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="rule.pk")
    funder = BudgetFunderOutputSerializer()
    name = serializers.CharField(source="rule.name")
    description = serializers.CharField(source="rule.description")
    amount_cents = serializers.IntegerField(source="rule.amount_cents")
    valid_until = serializers.DateField(
        source="rule.valid_until", help_text="Aan te vragen tot en met deze dag."
    )
    for_whom = serializers.ListField(child=serializers.CharField())
    conditions = serializers.ListField(
        child=serializers.CharField(), help_text="Wat wij niet zelf kunnen nagaan, bijvoorbeeld uw werkgever."
    )
    pays_for = serializers.ListField(child=serializers.CharField())
    sentence = serializers.CharField()
    how_to_ask = serializers.CharField()


class ResidentBudgetsOutputSerializer(serializers.Serializer):
    usable_cents = serializers.IntegerField(
        help_text="Wat u nu kunt gebruiken, alle budgetten samen, in centen."
    )
    has_profile = serializers.BooleanField()
    budgets = ResidentBudgetOutputSerializer(many=True, source="granted")
    available = BudgetRuleOutputSerializer(
        many=True, help_text="Regelingen die bij u passen en die u nog niet kreeg."
    )


class FundingSplitInputSerializer(serializers.Serializer):
    module = serializers.ListField(
        child=serializers.IntegerField(
            min_value=1,
            max_value=ID_MAX,
            error_messages={
                key: _("Dit is geen nummer van een module.")
                for key in ("invalid", "min_value", "max_value", "max_string_length")
            },
        ),
        required=False,
        max_length=MODULES_MAX,
        help_text="Nummers van gepubliceerde modules; herhaal de parameter: ?module=1&module=2.",
        error_messages={"max_length": _("Kies hoogstens {max_length} modules.")},
    )


class BudgetRefOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="budget.pk")
    funder = BudgetFunderOutputSerializer()
    rule = serializers.CharField(source="budget.rule.name")


class SplitPartOutputSerializer(BudgetRefOutputSerializer):
    amount_cents = serializers.IntegerField()
    sentence = serializers.CharField()


class SplitItemOutputSerializer(serializers.Serializer):
    module = serializers.IntegerField(source="item.key")
    title = serializers.CharField(source="item.label")
    cost_cents = serializers.IntegerField(source="item.cost_cents")
    parts = SplitPartOutputSerializer(many=True)
    covered_cents = serializers.IntegerField()
    left_to_pay_cents = serializers.IntegerField(help_text="Wat u zelf betaalt voor deze module, in centen.")
    sentences = serializers.ListField(child=serializers.CharField())


class SplitBudgetUseOutputSerializer(BudgetRefOutputSerializer):
    position = serializers.IntegerField(help_text="1 betaalt eerst; het eigen ontwikkelbudget als laatste.")
    balance_before_cents = serializers.IntegerField()
    used_cents = serializers.IntegerField()
    balance_after_cents = serializers.IntegerField()


class FundingSplitOutputSerializer(serializers.Serializer):
    total_cents = serializers.IntegerField()
    covered_cents = serializers.IntegerField()
    left_to_pay_cents = serializers.IntegerField(help_text="Wat u zelf betaalt, in centen.")
    sentences = serializers.ListField(child=serializers.CharField())
    items = SplitItemOutputSerializer(many=True)
    budgets = SplitBudgetUseOutputSerializer(many=True)


# --- Money reports (docs/budgets.md, "Rapporten") ----------------------------------------------------


class MoneyReportRowOutputSerializer(serializers.Serializer):
    key = serializers.CharField(
        help_text="Het nummer van de financier, de code van de programmalijn, de CBS-code van de gemeente, "
        "de code van de doelgroep (worker, job_seeker, student), 'onbekend' of 'totaal'."
    )
    label = serializers.CharField()
    state = serializers.ChoiceField(
        choices=["shown", "small", "hidden"],
        help_text="shown: getoond. small: minder dan 10 inwoners, geen bedragen. hidden: niet getoond, "
        "omdat anders een kleine rij uit het totaal is uit te rekenen.",
    )
    residents = serializers.IntegerField(
        source="residents.value", allow_null=True, help_text="Inwoners met een budget; null als niet getoond."
    )
    granted_cents = serializers.IntegerField(allow_null=True, help_text="Toegekend aan inwoners, in centen.")
    spent_cents = serializers.IntegerField(allow_null=True, help_text="Betaald aan aanbieders, in centen.")
    committed_cents = serializers.IntegerField(allow_null=True, help_text="Nu gereserveerd, in centen.")
    released_cents = serializers.IntegerField(
        allow_null=True, help_text="Reserveringen terug naar de budgetten, in centen."
    )
    remaining_cents = serializers.IntegerField(
        allow_null=True, help_text="Nog op budgetten die vandaag geldig zijn, in centen."
    )
    expired_cents = serializers.IntegerField(allow_null=True, help_text="Op verlopen budgetten, in centen.")
    kind_label = serializers.CharField(help_text="Soort financier (alleen per financier).")
    funded_cents = serializers.IntegerField(
        allow_null=True, help_text="Alleen per financier: geld in de pot gedaan, in centen."
    )
    pool_cents = serializers.IntegerField(allow_null=True, help_text="Alleen per financier: nog in de pot.")
    paid_direct_cents = serializers.IntegerField(
        allow_null=True, help_text="Alleen per financier: uit de pot rechtstreeks aan organisaties betaald."
    )
    fund_granted_cents = serializers.IntegerField(
        allow_null=True, help_text="Alleen per programmalijn: toegekend door het regionale fonds."
    )
    fund_paid_cents = serializers.IntegerField(
        allow_null=True, help_text="Alleen per programmalijn: betaald door het regionale fonds."
    )


class ReconciliationOutputSerializer(serializers.Serializer):
    ok = serializers.BooleanField(help_text="Alle boekingen tellen op tot nul en elk saldo klopt.")
    total_cents = serializers.IntegerField(help_text="Alle boekingen samen; 0 als het klopt.")
    accounts = serializers.IntegerField()
    transactions = serializers.IntegerField()
    mismatches = serializers.SerializerMethodField(help_text="Rekeningen waarvan het saldo niet klopt.")
    unbalanced = serializers.SerializerMethodField(help_text="Boekingen die niet op nul uitkomen.")
    negative = serializers.SerializerMethodField(help_text="Rekeningen onder nul die dat niet mogen.")

    def get_mismatches(self, obj) -> int:
        return len(obj.mismatches)

    def get_unbalanced(self, obj) -> int:
        return len(obj.unbalanced)

    def get_negative(self, obj) -> int:
        return len(obj.negative)


class MoneyReportOutputSerializer(serializers.Serializer):
    per = serializers.CharField(source="report.by")
    per_label = serializers.CharField(source="report.by_label")
    date = serializers.DateField(source="report.today", help_text="Nog te besteden en verlopen op deze dag.")
    small_cell = serializers.IntegerField(
        source="report.small_cell", help_text="Rijen over minder inwoners dan dit tonen geen bedragen."
    )
    extra_hidden = serializers.BooleanField(
        source="report.extra_hidden",
        help_text="Er is een rij extra verborgen om een kleine rij te beschermen.",
    )
    rows = MoneyReportRowOutputSerializer(many=True, source="report.rows")
    total = MoneyReportRowOutputSerializer(source="report.total")
    reconciliation = ReconciliationOutputSerializer()
