"""The same formulas as `qonys bench rules`, as an OpenFisca tax-benefit system.

Households have person rows (the family members); amounts are integer tiyn (1 tenge = 100 tiyn).
"""

import os

import numpy as np
from openfisca_core.entities import build_entity
from openfisca_core.periods import ETERNITY, MONTH
from openfisca_core.taxbenefitsystems import TaxBenefitSystem
from openfisca_core.variables import Variable

Household = build_entity(
    key="household",
    plural="households",
    label="Resettling family",
    roles=[{"key": "member", "plural": "members", "label": "Member"}],
)
Person = build_entity(key="person", plural="persons", label="Person", is_person=True)


class urban(Variable):
    value_type = bool
    entity = Household
    definition_period = ETERNITY
    label = "Resettled to an urban area (else rural)"


class months_paid(Variable):
    value_type = int
    entity = Household
    definition_period = ETERNITY
    label = "Months of rent compensation already paid"


class appraised_tiyn(Variable):
    value_type = int
    entity = Household
    definition_period = ETERNITY
    label = "Appraised value of the housing bought, tiyn"


class members(Variable):
    value_type = int
    entity = Household
    definition_period = MONTH
    label = "Family size (the applicant included)"

    def formula(household, period):
        return household.nb_persons()


class rent_compensation_tiyn(Variable):
    value_type = int
    entity = Household
    definition_period = MONTH
    label = "Monthly rent and utilities compensation, tiyn (Rules B p.71)"

    def formula(household, period, parameters):
        p = parameters(period).rules_b
        mci = parameters(period).mci
        n = household("members", period)
        rate = np.where(household("urban", period), p.rent_urban.calc(n), p.rent_rural.calc(n))
        paid_out = household("months_paid", period) >= p.rent_max_months
        return np.where(paid_out, 0, rate * mci * 100)


class certificate_tiyn(Variable):
    value_type = int
    entity = Household
    definition_period = MONTH
    label = "Economic mobility certificate payment, tiyn (Rules B p.67)"

    def formula(household, period, parameters):
        cap = parameters(period).rules_b.certificate_mci * parameters(period).mci * 100
        return np.minimum(household("appraised_tiyn", period), cap)


class ResettlementSystem(TaxBenefitSystem):
    def __init__(self):
        super().__init__([Household, Person])
        for variable in (urban, months_paid, appraised_tiyn, members, rent_compensation_tiyn, certificate_tiyn):
            self.add_variable(variable)
        self.load_parameters(os.path.join(os.path.dirname(__file__), "parameters"))
