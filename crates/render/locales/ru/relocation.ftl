restoration_late = Заявление или ходатайство о восстановлении срока подано позднее трёх месяцев после истечения шести месяцев (пункт 73)
restoration_no_evidence = К ходатайству не приложен документ об обстоятельствах, не зависящих от заявителя (пункт 73)

out_measure_relocation_subsidy = Субсидия на переезд
notice_relocation_granted = Назначена субсидия на переезд
notice_relocation_refused = В назначении субсидии на переезд отказано
notice_restoration_granted = Срок подачи заявления восстановлен
notice_restoration_refused = В восстановлении срока подачи заявления отказано
ui-measure-relocation_subsidy = Субсидия на переезд
relocation_conditions_not_met = Условия предоставления субсидии на переезд не соблюдены (пункт 70), причины указаны в решении
