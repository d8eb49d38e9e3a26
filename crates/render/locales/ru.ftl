# Qonys message catalog: Russian.
# Keys are the stable codes the program returns; a test checks kk and ru have the same keys.

## Identification numbers and values

iin_length = ИИН должен состоять из 12 цифр
iin_not_digits = ИИН должен состоять только из цифр
iin_century_digit = 7-я цифра ИИН обозначает век и пол и должна быть от 1 до 6
iin_birth_date = Первые шесть цифр ИИН не образуют существующую дату рождения
iin_check_digit = Контрольная цифра ИИН не совпадает
iin_unusable = Такой ИИН не выдаётся: контрольную цифру вычислить нельзя
iin_serial = Порядковый номер ИИН должен быть от 0 до 9999
bin_length = БИН должен состоять из 12 цифр
bin_not_digits = БИН должен состоять только из цифр
bin_month = 3–4-я цифры БИН обозначают месяц регистрации (01–12)
bin_entity_type = 5-я цифра БИН обозначает тип юридического лица (4, 5 или 6)
bin_check_digit = Контрольная цифра БИН не совпадает
bin_unusable = Такой БИН не выдаётся: контрольную цифру вычислить нельзя
bin_serial = Порядковый номер БИН слишком велик
iban_length = ИИК (IBAN) должен состоять из 20 символов и начинаться с KZ
iban_country = ИИК (IBAN) должен начинаться с букв KZ
iban_characters = ИИК (IBAN) может содержать только латинские буквы и цифры
iban_bank_code = Код банка в ИИК (IBAN) должен состоять из трёх цифр
iban_checksum = Контрольные цифры ИИК (IBAN) не совпадают: проверьте номер счёта
kato_length = Код КАТО должен состоять из 9 цифр
kato_not_digits = Код КАТО должен состоять только из цифр
kato_region = Первые две цифры кода КАТО не обозначают область или город республиканского значения
money_format = Укажите сумму цифрами, например 108125,00
money_precision = В сумме не может быть больше двух знаков после запятой
money_negative = Сумма не может быть отрицательной
money_overflow = Сумма слишком велика
mci_format = Количество МРП укажите целым числом, например 1625
mci_overflow = Количество МРП слишком велико

## Calendar and dates

calendar_year_not_covered = Производственного календаря на { $year } год нет в системе: срок вычислить нельзя
calendar_ambiguous_month_end = Прибавление месяцев к этой дате неоднозначно (конец месяца): укажите правило
calendar_overflow = Дата выходит за допустимые пределы
calendar_invalid_data = В данных календаря есть ошибка
invalid_date = Укажите дату в формате ГГГГ-ММ-ДД, например 2026-03-18
invalid_month = Укажите месяц в формате ГГГГ-ММ, например 2026-03
invalid_number = Укажите положительное целое число
invalid_locality = Тип местности: urban (город) или rural (село)
unknown_time_limit = Такого срока нет: список показывает команда `qonys law params`

## Law parameters

edition_not_covered = Редакции правовой нормы, действующей на эту дату, в системе нет
edition_not_after_last = Новое значение должно начинаться после последней редакции
edition_end_before_start = Дата окончания редакции раньше даты начала
edition_overlap = Сроки редакций пересекаются
edition_empty = У параметра нет ни одной редакции
amount_overflow = Сумма слишком велика: проверьте данные
invalid_input_zero_count = Число должно быть больше нуля
invalid_input_zero_amount = Сумма должна быть больше нуля
unsupported_time_limit = Такой способ исчисления срока не применяется

## Grounds for refusal

rent_max_months_reached = Возмещение выплачивается не более двенадцати месяцев (пункт 71)
rent_state_or_service_housing = Предоставлено жильё из государственного жилищного фонда и (или) служебное жильё (пункт 72)
rent_labour_relation_duties = Период исполнения обязанностей, связанных с характером трудовых отношений, в том числе ротация государственных служащих (пункт 72)
rent_active_measures_participant = Участник активных мер содействия занятости (пункт 72)
rent_employer_housing = Жильё предоставлено работодателем (пункт 72)
rent_housing_purchased = Жильё приобретено в собственность, в том числе по сертификату (пункт 72)
rent_evicted = Получатель выселен из занимаемого жилья (пункт 72)
rent_departed = Получатель выехал на постоянное жительство в другой населённый пункт или за пределы региона приёма (пункт 72)
rent_not_living_at_address = Получатель не проживает по адресу, указанному в договоре найма (пункт 72)
rent_sublet = Арендуемое жильё сдано в поднаём (пункт 72)
rent_false_information = Представлены искажённые или ложные сведения (пункт 72)
emc_missing_documents = Не представлены документы, предусмотренные частью первой пункта 68
emc_unreliable_data = Установлена недостоверность данных в представленных документах
emc_cadastre_grounds = Из кадастра недвижимости получены основания, предусмотренные пунктом 76
emc_outside_destination = Жильё приобретено за пределами населённого пункта назначения, указанного в направлении на переселение
emc_already_bought_with_certificate = Жильё ранее приобретено с денежной выплатой по сертификату
emc_outside_financial_year = Заявление на сертификат подано за пределами соответствующего финансового года (пункт 73)
deadline_missed = Заявление подано позже шести месяцев с момента включения в региональную квоту (пункт 73)
restoration_late = Ходатайство о восстановлении срока подано позже трёх месяцев после его истечения (пункт 73)
restoration_no_evidence = К ходатайству не приложен документ об обстоятельствах, не зависящих от заявителя (пункт 73)

## Command-line output

out_measure_rent_compensation = Возмещение затрат по найму (аренде) жилья и оплате коммунальных услуг
out_measure_certificate = Денежная выплата по сертификату экономической мобильности
out_measure_employer_subsidy = Субсидия работодателю на трудоустройство
out_measure_relocation_subsidy = Субсидия на переезд
out_granted = Назначается
out_refused = Не назначается
out_amount = Сумма
out_basis = Правовое основание
out_parameters = Применённые параметры
out_facts = Использованные сведения
out_reason = Причина
out_due = Последний день срока
out_skipped = Нерабочие дни
out_working = Рабочий день
out_not_working = Нерабочий день
out_valid = Верно
out_invalid = Ошибка
out_unknown_bank = Банка нет в справочнике
reason_weekday = рабочий день
reason_weekend = выходной день
reason_holiday = праздник: { $name }
reason_carried_over = перенесённый выходной за праздник { $date } ({ $name })
reason_transferred_day_off = выходной взамен рабочего дня { $date } ({ $act })
reason_transferred_working_day = рабочий день взамен выходного { $date } ({ $act })
dow_1 = понедельник
dow_2 = вторник
dow_3 = среда
dow_4 = четверг
dow_5 = пятница
dow_6 = суббота
dow_7 = воскресенье
not_found = Запрошенная запись не найдена: { $detail }
version_conflict = Дело изменилось после того, как вы его открыли: обновите и примите решение заново ({ $detail })
quota_exhausted = В квоте не осталось мест ({ $detail })
quota_below_allocated = Размер квоты нельзя уменьшить ниже числа распределённых мест ({ $detail })
idempotency_mismatch = Этот ключ запроса уже использован для другого действия ({ $detail })
store_corrupt = Запись в базе данных повреждена ({ $detail })
store_unavailable = База данных недоступна ({ $detail })
invalid_category = Категория: kandas (кандас) или resettler (переселенец)
invalid_unit = Единица: persons (человек) или families (семей)
invalid_kato = Неверный код КАТО
invalid_account = Имя учётной записи: от 1 до 64 символов — буквы, цифры и . _ : @ -
out_audit_intact = Журнал аудита цел: проверено записей: { $count }
out_audit_broken = Журнал аудита нарушен: запись № { $seq } ({ $kind }); до неё проверено записей: { $count }
audit_break_edited = запись изменена
audit_break_link_broken = нарушена связь с предыдущей записью
audit_break_missing = запись удалена
audit_break_truncated = удалены последние записи журнала
