restoration_late = Өтініш немесе мерзімді қалпына келтіру туралы өтінішхат алты ай өткеннен кейін үш айдан кеш берілді (73-тармақ)
restoration_no_evidence = Өтінішхатқа өтініш берушіге тәуелді емес мән-жайларды растайтын құжат қоса берілмеген (73-тармақ)

out_measure_relocation_subsidy = Көшуге субсидия
notice_relocation_granted = Көшуге субсидия тағайындалды
notice_relocation_refused = Көшуге субсидия тағайындаудан бас тартылды
notice_restoration_granted = Өтініш беру мерзімі қалпына келтірілді
notice_restoration_refused = Өтініш беру мерзімін қалпына келтіруден бас тартылды
ui-measure-relocation_subsidy = Көшуге субсидия
relocation_conditions_not_met = Көшуге субсидия беру шарттары орындалмады (70-тармақ), себептері шешімде көрсетілген

ui-kind-relocation_subsidy = Көшуге субсидия
ui-state-granted = Тағайындалды
ui-fact-persons = Көшетін адамдар саны
ui-relocation-grant = Көшуге субсидияны тағайындау
ui-relocation-refuse = Көшуге субсидиядан бас тарту (себептері шешімде)
relocation_amount_unknown = Көшуге субсидияның сомасы белгісіз
ui-action-relocation-applied = Көшуге субсидияға өтініш берілді
ui-action-relocation-granted = Көшуге субсидия тағайындалды
ui-action-relocation-refused = Көшуге субсидиядан бас тартылды
ui-action-relocation-paid = Көшуге субсидия төленді
