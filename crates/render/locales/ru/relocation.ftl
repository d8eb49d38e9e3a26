restoration_late = Заявление или ходатайство о восстановлении срока подано позднее трёх месяцев после истечения шести месяцев (пункт 73)
restoration_no_evidence = К ходатайству не приложен документ об обстоятельствах, не зависящих от заявителя (пункт 73)

out_measure_relocation_subsidy = Субсидия на переезд
notice_relocation_granted = Назначена субсидия на переезд
notice_relocation_refused = В назначении субсидии на переезд отказано
notice_restoration_granted = Срок подачи заявления восстановлен
notice_restoration_refused = В восстановлении срока подачи заявления отказано
ui-measure-relocation_subsidy = Субсидия на переезд
relocation_conditions_not_met = Условия предоставления субсидии на переезд не соблюдены (пункт 70), причины указаны в решении

ui-kind-relocation_subsidy = Субсидия на переезд
ui-state-granted = Назначена
ui-fact-persons = Число переезжающих
ui-relocation-grant = Назначить субсидию на переезд
ui-relocation-refuse = Отказать в субсидии на переезд (причины в решении)
relocation_amount_unknown = Сумма субсидии на переезд неизвестна
ui-action-relocation-applied = Подано заявление на субсидию на переезд
ui-action-relocation-granted = Назначена субсидия на переезд
ui-action-relocation-refused = В субсидии на переезд отказано
ui-action-relocation-paid = Субсидия на переезд выплачена
