"""Demo help articles: iPhone. Each entry: id, product group, topic, and (title, Markdown body) per language."""

from __future__ import annotations

from caselog.demo.articles.types import DemoArticle

ARTICLES: list[DemoArticle] = [
    {
        "id": "demo-iphone-wont-charge",
        "group": "iphone",
        "topic": "battery-charging",
        "en": (
            "If your iPhone won't charge",
            """Most charging problems come from the cable, the adapter or dirt in the port, not from the battery itself. Work through these steps in order.

## 1. Check the power source
1. Plug the adapter into a **wall outlet** you know works, not a computer, hub or power strip.
2. Use the cable and adapter that came with your iPhone, or a certified one. Look for kinks, frayed ends or bent pins.
3. Try another cable and another adapter if you have them.

## 2. Clean the charging port
Pocket lint can stop the connector from seating fully. Turn the iPhone off, look into the port with a torch and gently remove lint with a wooden toothpick. **Never use metal objects, compressed air or liquids.**

## 3. Let it charge for 30 minutes
A fully drained battery may show the empty-battery screen for several minutes before the Apple logo appears. Leave it connected for at least 30 minutes.

## 4. Force restart
Press and release *volume up*, press and release *volume down*, then hold the *side button* until the Apple logo appears. Connect the charger again.

## 5. "Charging on hold" or "Optimised charging"
If you see *Charging on hold*, the iPhone is too warm: move it to a cooler place. *Optimised battery charging* deliberately pauses at 80% overnight; this is normal.

## Still not charging?
If none of this helps, the port or battery may need service. Contact support: we check your coverage and arrange a repair in store or by courier.""",
        ),
        "de": (
            "Wenn Ihr iPhone nicht lädt",
            """Die meisten Ladeprobleme liegen am Kabel, am Netzteil oder an Schmutz im Anschluss – nicht am Akku selbst. Gehen Sie die Schritte der Reihe nach durch.

## 1. Stromquelle prüfen
1. Stecken Sie das Netzteil in eine **Steckdose**, die sicher funktioniert, nicht in einen Computer, Hub oder eine Mehrfachleiste.
2. Verwenden Sie das mitgelieferte oder ein zertifiziertes Kabel und Netzteil. Achten Sie auf Knicke, ausgefranste Enden oder verbogene Kontakte.
3. Probieren Sie nach Möglichkeit ein anderes Kabel und ein anderes Netzteil.

## 2. Ladeanschluss reinigen
Flusen aus der Hosentasche verhindern oft, dass der Stecker richtig sitzt. Schalten Sie das iPhone aus, leuchten Sie in den Anschluss und entfernen Sie Flusen vorsichtig mit einem Zahnstocher aus Holz. **Keine Metallgegenstände, keine Druckluft und keine Flüssigkeiten verwenden.**

## 3. 30 Minuten laden lassen
Ist der Akku komplett leer, erscheint das Symbol für den leeren Akku oft mehrere Minuten lang, bevor das Apple-Logo kommt. Lassen Sie das Gerät mindestens 30 Minuten angeschlossen.

## 4. Neustart erzwingen
Drücken Sie kurz *Lauter*, dann kurz *Leiser* und halten Sie anschließend die *Seitentaste*, bis das Apple-Logo erscheint. Schließen Sie das Ladegerät erneut an.

## 5. „Laden angehalten“ oder „Optimiertes Laden“
*Laden angehalten* bedeutet, dass das iPhone zu warm ist – bringen Sie es an einen kühleren Ort. *Optimiertes Laden* hält über Nacht bewusst bei 80 % an; das ist normal.

## Lädt es immer noch nicht?
Dann muss wahrscheinlich der Anschluss oder der Akku geprüft werden. Wenden Sie sich an den Support: Wir prüfen Ihre Garantie und organisieren eine Reparatur im Store oder per Kurier.""",
        ),
        "ru": (
            "Если iPhone не заряжается",
            """Чаще всего проблемы с зарядкой вызывают кабель, адаптер или грязь в разъёме, а не сам аккумулятор. Выполните шаги по порядку.

## 1. Проверьте источник питания
1. Подключите адаптер к **розетке**, которая точно работает, а не к компьютеру, хабу или удлинителю.
2. Используйте кабель и адаптер из комплекта или сертифицированные. Проверьте, нет ли заломов, перетёртых участков или погнутых контактов.
3. Если есть возможность, попробуйте другой кабель и другой адаптер.

## 2. Очистите разъём
Ворс из кармана часто мешает штекеру войти до конца. Выключите iPhone, посветите в разъём фонариком и аккуратно удалите ворс деревянной зубочисткой. **Не используйте металлические предметы, сжатый воздух и жидкости.**

## 3. Оставьте на зарядке на 30 минут
Если аккумулятор полностью разряжен, значок пустой батареи может показываться несколько минут, прежде чем появится логотип Apple. Оставьте устройство подключённым не менее чем на 30 минут.

## 4. Принудительно перезагрузите iPhone
Нажмите и отпустите кнопку *увеличения громкости*, затем кнопку *уменьшения громкости*, после чего удерживайте *боковую кнопку*, пока не появится логотип Apple. Снова подключите зарядку.

## 5. «Зарядка приостановлена» или «Оптимизированная зарядка»
Сообщение *«Зарядка приостановлена»* означает, что iPhone перегрелся: переложите его в прохладное место. *Оптимизированная зарядка* ночью намеренно останавливается на 80 % — это нормально.

## Всё равно не заряжается?
Скорее всего, нужен ремонт разъёма или замена аккумулятора. Обратитесь в поддержку: мы проверим гарантию и организуем ремонт в сервисном центре или с курьером.""",
        ),
    },
    {
        "id": "demo-iphone-battery-drains",
        "group": "iphone",
        "topic": "battery-charging",
        "en": (
            "If your iPhone battery drains quickly",
            """Battery life depends on how you use the phone. These checks find the usual causes.

## See what uses the battery
Open **Settings > Battery**. The list shows which apps used the most energy in the last 24 hours and 10 days. An app with a high share *in the background* is the first suspect.

## Common fixes
- **Update iOS** in *Settings > General > Software Update*. Updates often fix battery bugs. Note: for a day or two after a major update the phone indexes photos and data, which uses extra power.
- **Background App Refresh**: turn it off for apps that don't need it (*Settings > General > Background App Refresh*).
- **Location Services**: set rarely used apps to *While Using* or *Never*.
- **Screen brightness**: turn on *Auto-Brightness* and use *Dark Mode* on OLED models.
- **Weak signal**: in places with poor coverage the phone spends a lot of power searching for the network. Use Wi-Fi calling where available.
- **Low Power Mode** (*Settings > Battery*) reduces background activity until you charge.

## Check battery health
If the phone still drains quickly after these steps, check *Settings > Battery > Battery Health*. See our article on battery health to learn when a replacement is due.""",
        ),
        "de": (
            "Wenn sich der Akku Ihres iPhone schnell entlädt",
            """Die Akkulaufzeit hängt stark von der Nutzung ab. Mit diesen Prüfungen finden Sie die häufigsten Ursachen.

## Sehen, was Energie verbraucht
Öffnen Sie **Einstellungen > Batterie**. Die Liste zeigt, welche Apps in den letzten 24 Stunden und 10 Tagen am meisten Energie verbraucht haben. Eine App mit hohem Anteil *im Hintergrund* ist der erste Verdächtige.

## Häufige Lösungen
- **iOS aktualisieren** unter *Einstellungen > Allgemein > Softwareupdate*. Updates beheben oft Akkufehler. Hinweis: Ein bis zwei Tage nach einem großen Update indiziert das iPhone Fotos und Daten und braucht mehr Strom.
- **Hintergrundaktualisierung** für Apps ausschalten, die sie nicht brauchen (*Einstellungen > Allgemein > Hintergrundaktualisierung*).
- **Ortungsdienste**: Selten genutzte Apps auf *Beim Verwenden* oder *Nie* stellen.
- **Bildschirmhelligkeit**: *Auto-Helligkeit* einschalten und bei OLED-Modellen den *Dunkelmodus* verwenden.
- **Schwaches Netz**: Bei schlechtem Empfang sucht das iPhone ständig nach dem Netz und verbraucht viel Energie. Nutzen Sie, wo möglich, WLAN-Anrufe.
- **Stromsparmodus** (*Einstellungen > Batterie*) reduziert Hintergrundaktivität bis zum nächsten Laden.

## Akkuzustand prüfen
Entlädt sich das iPhone danach immer noch schnell, prüfen Sie *Einstellungen > Batterie > Batteriezustand*. In unserem Artikel zum Akkuzustand steht, wann ein Austausch sinnvoll ist.""",
        ),
        "ru": (
            "Если аккумулятор iPhone быстро разряжается",
            """Время работы от аккумулятора сильно зависит от того, как вы пользуетесь телефоном. Эти проверки помогут найти самые частые причины.

## Посмотрите, что расходует заряд
Откройте **Настройки > Аккумулятор**. В списке видно, какие приложения потратили больше всего энергии за последние 24 часа и 10 дней. Приложение с большой долей *в фоне* — первый подозреваемый.

## Что обычно помогает
- **Обновите iOS**: *Настройки > Основные > Обновление ПО*. Обновления часто исправляют ошибки расхода заряда. Учтите: день-два после крупного обновления iPhone индексирует фото и данные и расходует больше энергии.
- **Обновление контента в фоне** отключите для приложений, которым оно не нужно (*Настройки > Основные > Обновление контента*).
- **Службы геолокации**: для редко используемых приложений выберите *«При использовании»* или *«Никогда»*.
- **Яркость экрана**: включите *автояркость*, на моделях с OLED-экраном используйте *тёмный режим*.
- **Слабый сигнал**: при плохом покрытии телефон постоянно ищет сеть и тратит много энергии. Где возможно, используйте вызовы по Wi-Fi.
- **Режим энергосбережения** (*Настройки > Аккумулятор*) ограничивает фоновую активность до следующей зарядки.

## Проверьте состояние аккумулятора
Если после этих шагов iPhone всё равно быстро разряжается, откройте *Настройки > Аккумулятор > Состояние аккумулятора*. Когда пора менять аккумулятор, рассказано в отдельной статье.""",
        ),
    },
    {
        "id": "demo-iphone-battery-health",
        "group": "iphone",
        "topic": "battery-charging",
        "en": (
            "Battery health: when to replace your iPhone battery",
            """All rechargeable batteries wear out. Your iPhone tells you how much capacity is left.

## Where to look
Open **Settings > Battery > Battery Health & Charging**.
- **Maximum Capacity** compares today's capacity with a new battery. A battery is designed to keep about **80% after 500 full charge cycles** (1000 cycles on newer models).
- **Peak Performance Capability** says whether the phone limits performance to prevent unexpected shutdowns.

## Signs that a replacement is due
- Maximum capacity below 80%.
- The message *"Your battery's health is significantly degraded"*.
- The phone shuts down unexpectedly at 20–30% charge, especially in the cold.
- The back of the phone or the screen bulges – **stop using and charging the phone and contact support immediately.**

## Replacement and cost
A battery below 80% within the hardware warranty period or an extended plan is replaced free of charge. Outside coverage a fixed-price battery service is available. Check your coverage with your serial number, then contact support to book a repair: most battery replacements are done the same day.""",
        ),
        "de": (
            "Batteriezustand: Wann der iPhone-Akku getauscht werden sollte",
            """Jeder Akku verschleißt. Ihr iPhone zeigt an, wie viel Kapazität noch vorhanden ist.

## Wo Sie nachsehen
Öffnen Sie **Einstellungen > Batterie > Batteriezustand & Laden**.
- **Maximale Kapazität** vergleicht die heutige Kapazität mit der eines neuen Akkus. Ein Akku ist darauf ausgelegt, **nach 500 vollständigen Ladezyklen etwa 80 %** zu behalten (bei neueren Modellen nach 1000 Zyklen).
- **Höchstleistungsfähigkeit** zeigt, ob das iPhone die Leistung drosselt, um unerwartetes Abschalten zu verhindern.

## Anzeichen für einen Austausch
- Maximale Kapazität unter 80 %.
- Die Meldung *„Der Zustand deiner Batterie hat sich deutlich verschlechtert“*.
- Das iPhone schaltet sich bei 20–30 % Ladung unerwartet aus, vor allem bei Kälte.
- Die Rückseite oder das Display wölbt sich – **iPhone dann nicht mehr benutzen und nicht laden, sondern sofort den Support kontaktieren.**

## Austausch und Kosten
Liegt der Akku innerhalb der Herstellergarantie oder eines erweiterten Schutzplans unter 80 %, wird er kostenlos getauscht. Außerhalb der Garantie gibt es einen Akkuservice zum Festpreis. Prüfen Sie Ihre Abdeckung mit der Seriennummer und kontaktieren Sie dann den Support, um eine Reparatur zu buchen: Die meisten Akkus werden noch am selben Tag getauscht.""",
        ),
        "ru": (
            "Состояние аккумулятора: когда менять аккумулятор iPhone",
            """Любой аккумулятор со временем изнашивается. iPhone показывает, сколько ёмкости у него осталось.

## Где посмотреть
Откройте **Настройки > Аккумулятор > Состояние аккумулятора и зарядка**.
- **Максимальная ёмкость** — ёмкость сейчас по сравнению с новым аккумулятором. Аккумулятор рассчитан сохранять около **80 % после 500 полных циклов зарядки** (на новых моделях — после 1000 циклов).
- **Пиковая производительность** показывает, ограничивает ли iPhone производительность, чтобы избежать внезапных отключений.

## Признаки того, что пора менять
- Максимальная ёмкость ниже 80 %.
- Сообщение *«Состояние аккумулятора значительно ухудшилось»*.
- Телефон внезапно выключается при 20–30 % заряда, особенно на холоде.
- Задняя крышка или экран вздулись — **сразу прекратите пользоваться и заряжать телефон и обратитесь в поддержку.**

## Замена и стоимость
Если ёмкость упала ниже 80 % в период гарантии или расширенного плана обслуживания, аккумулятор меняют бесплатно. Вне гарантии доступна замена по фиксированной цене. Проверьте покрытие по серийному номеру и обратитесь в поддержку, чтобы записаться на ремонт: обычно аккумулятор меняют в тот же день.""",
        ),
    },
    {
        "id": "demo-iphone-wireless-charging",
        "group": "iphone",
        "topic": "battery-charging",
        "en": (
            "If wireless or MagSafe charging doesn't work",
            """iPhone 8 and later charge on Qi-certified and MagSafe chargers.

## Steps
1. **Remove the case** if it is thicker than 3 mm, made of metal, or holds cards, magnets or a PopSocket. Cards with magnetic stripes can also be damaged by MagSafe.
2. **Centre the phone** on the charger with the screen facing up. On flat pads, the Apple logo should be over the middle of the pad.
3. **Power the charger** with an adapter of enough wattage (20 W for MagSafe). Many pads charge slowly or not at all from a laptop's USB port.
4. **Restart the iPhone** and update iOS.
5. Try the iPhone on another wireless charger, and another device on your charger, to find out which one is at fault.

## Good to know
- The phone vibrates briefly or shows a charging animation when charging starts.
- Wireless charging may pause above 80% when the phone is warm; it resumes as the phone cools down.
- If the phone also won't charge with a cable, see *If your iPhone won't charge*.""",
        ),
        "de": (
            "Wenn kabelloses Laden oder MagSafe nicht funktioniert",
            """Ab dem iPhone 8 laden iPhones auf Qi-zertifizierten und MagSafe-Ladegeräten.

## Schritte
1. **Hülle abnehmen**, wenn sie dicker als 3 mm ist, aus Metall besteht oder Karten, Magnete oder einen PopSocket trägt. Karten mit Magnetstreifen können durch MagSafe beschädigt werden.
2. **iPhone mittig auflegen**, Display nach oben. Auf flachen Ladepads sollte das Apple-Logo über der Mitte liegen.
3. **Ladegerät ausreichend versorgen**: Netzteil mit genügend Leistung verwenden (20 W für MagSafe). Viele Pads laden am USB-Anschluss eines Laptops nur langsam oder gar nicht.
4. **iPhone neu starten** und iOS aktualisieren.
5. Testen Sie das iPhone auf einem anderen Ladegerät und ein anderes Gerät auf Ihrem Ladegerät, um den Fehler einzugrenzen.

## Gut zu wissen
- Beim Start des Ladevorgangs vibriert das iPhone kurz oder zeigt eine Ladeanimation.
- Ist das iPhone warm, kann das kabellose Laden über 80 % pausieren; es läuft weiter, sobald es abgekühlt ist.
- Lädt das iPhone auch mit Kabel nicht, lesen Sie *Wenn Ihr iPhone nicht lädt*.""",
        ),
        "ru": (
            "Если не работает беспроводная зарядка или MagSafe",
            """iPhone 8 и новее заряжаются от Qi-сертифицированных зарядных устройств и MagSafe.

## Что сделать
1. **Снимите чехол**, если он толще 3 мм, металлический или в нём карты, магниты или PopSocket. Карты с магнитной полосой MagSafe может повредить.
2. **Положите iPhone по центру** зарядного устройства экраном вверх. На плоских подставках логотип Apple должен находиться над центром.
3. **Обеспечьте зарядке питание**: используйте адаптер достаточной мощности (20 Вт для MagSafe). Многие подставки от USB-порта ноутбука заряжают медленно или не заряжают вовсе.
4. **Перезагрузите iPhone** и обновите iOS.
5. Проверьте iPhone на другой беспроводной зарядке, а другое устройство — на вашей, чтобы понять, в чём неисправность.

## Полезно знать
- Когда зарядка начинается, iPhone коротко вибрирует или показывает анимацию.
- Если iPhone нагрелся, беспроводная зарядка может приостановиться выше 80 % и продолжится, когда он остынет.
- Если iPhone не заряжается и от кабеля, прочитайте статью *«Если iPhone не заряжается»*.""",
        ),
    },
    {
        "id": "demo-iphone-wont-turn-on",
        "group": "iphone",
        "topic": "wont-turn-on",
        "en": (
            "If your iPhone won't turn on or is frozen",
            """A black screen usually means the phone is frozen or the battery is empty, not that it is broken.

## 1. Force restart
On iPhone 8 and later (including SE 2nd generation and later):
1. Press and quickly release **volume up**.
2. Press and quickly release **volume down**.
3. Press and **hold the side button** until the Apple logo appears (this can take up to 20 seconds). Keep holding even if the *slide to power off* slider appears.

On iPhone 7, hold *volume down* and the *side button* together. On iPhone 6s and earlier, hold the *Home button* and the *top/side button*.

## 2. Charge for an hour
Connect the iPhone to a wall charger for at least one hour. After a few minutes you should see the charging screen. If you see a cable pointing to a charger symbol, keep it connected.

## 3. Screen dark but the phone rings?
If you hear sounds and feel vibration but the screen stays black, the display may be damaged. Force restart once; if the screen stays dark, contact support for a display repair.

## 4. Still nothing?
If the iPhone shows no sign of life after charging and a force restart, or it's stuck on the Apple logo, see *If iPhone is stuck on the Apple logo*, or contact support to arrange a repair.""",
        ),
        "de": (
            "Wenn sich Ihr iPhone nicht einschalten lässt oder nicht reagiert",
            """Ein schwarzer Bildschirm bedeutet meist, dass das iPhone hängt oder der Akku leer ist – nicht, dass es defekt ist.

## 1. Neustart erzwingen
Ab iPhone 8 (auch iPhone SE ab der 2. Generation):
1. **Lauter-Taste** drücken und sofort loslassen.
2. **Leiser-Taste** drücken und sofort loslassen.
3. **Seitentaste gedrückt halten**, bis das Apple-Logo erscheint (bis zu 20 Sekunden). Halten Sie weiter gedrückt, auch wenn der Regler *Ausschalten* erscheint.

Beim iPhone 7 halten Sie *Leiser* und die *Seitentaste* gleichzeitig. Bis iPhone 6s halten Sie die *Home-Taste* und die *obere oder seitliche Taste*.

## 2. Eine Stunde laden
Schließen Sie das iPhone mindestens eine Stunde an ein Netzteil an der Steckdose an. Nach einigen Minuten sollte der Ladebildschirm erscheinen. Sehen Sie ein Kabel, das auf ein Ladesymbol zeigt, lassen Sie es weiter angeschlossen.

## 3. Bildschirm dunkel, aber das iPhone klingelt?
Hören Sie Töne und spüren Vibrationen, bleibt das Display aber schwarz, ist vermutlich das Display beschädigt. Erzwingen Sie einmal einen Neustart; bleibt es dunkel, wenden Sie sich für eine Displayreparatur an den Support.

## 4. Immer noch nichts?
Zeigt das iPhone nach dem Laden und einem erzwungenen Neustart kein Lebenszeichen oder bleibt es beim Apple-Logo hängen, lesen Sie *Wenn das iPhone beim Apple-Logo hängt* oder kontaktieren Sie den Support für eine Reparatur.""",
        ),
        "ru": (
            "Если iPhone не включается или завис",
            """Чёрный экран обычно означает, что телефон завис или разрядился, а не что он сломан.

## 1. Принудительная перезагрузка
На iPhone 8 и новее (включая iPhone SE 2-го поколения и новее):
1. Нажмите и сразу отпустите кнопку **увеличения громкости**.
2. Нажмите и сразу отпустите кнопку **уменьшения громкости**.
3. Нажмите и **удерживайте боковую кнопку**, пока не появится логотип Apple (до 20 секунд). Не отпускайте, даже если появится бегунок *«Выключите»*.

На iPhone 7 одновременно удерживайте кнопку *уменьшения громкости* и *боковую кнопку*. На iPhone 6s и старше — кнопку *«Домой»* и *верхнюю (боковую) кнопку*.

## 2. Зарядите в течение часа
Подключите iPhone к зарядке от розетки минимум на час. Через несколько минут должен появиться экран зарядки. Если на экране кабель и значок зарядки, оставьте телефон подключённым.

## 3. Экран тёмный, но телефон звонит?
Если слышны звуки и ощущается вибрация, а экран остаётся чёрным, вероятно, повреждён дисплей. Выполните принудительную перезагрузку; если экран так и не включился, обратитесь в поддержку для ремонта дисплея.

## 4. Ничего не помогло?
Если после зарядки и принудительной перезагрузки iPhone не подаёт признаков жизни или зависает на логотипе Apple, прочитайте статью *«Если iPhone завис на логотипе Apple»* или обратитесь в поддержку для ремонта.""",
        ),
    },
    {
        "id": "demo-iphone-stuck-apple-logo",
        "group": "iphone",
        "topic": "wont-turn-on",
        "en": (
            "If your iPhone is stuck on the Apple logo",
            """If the iPhone restarts over and over or stays on the Apple logo for more than an hour, the software can usually be repaired with a computer.

## Before you start
- You need a Mac (Finder) or a Windows PC (Apple Devices app or iTunes) and a USB cable.
- **Update** reinstalls iOS and keeps your data. **Restore** erases the iPhone; only use it when Update fails and you have a backup.

## Steps
1. Connect the iPhone to the computer and open Finder or the Apple Devices app.
2. Put the iPhone in **recovery mode**: press and release *volume up*, press and release *volume down*, then hold the *side button* and **keep holding** past the Apple logo until you see a computer and cable on the screen.
3. On the computer choose **Update**. The download can take up to 15 minutes; if the iPhone leaves recovery mode in that time, repeat step 2.
4. When the update finishes, set up the iPhone.

## If Update fails
Choose **Restore**, then restore your data from an iCloud or computer backup. If the iPhone still won't start, or the computer doesn't recognise it, contact support: a hardware fault is likely and we'll arrange a diagnosis.""",
        ),
        "de": (
            "Wenn Ihr iPhone beim Apple-Logo hängen bleibt",
            """Startet das iPhone immer wieder neu oder bleibt es länger als eine Stunde beim Apple-Logo, lässt sich die Software meist mit einem Computer reparieren.

## Bevor Sie beginnen
- Sie brauchen einen Mac (Finder) oder einen Windows-PC (App „Apple Geräte“ oder iTunes) und ein USB-Kabel.
- **Aktualisieren** installiert iOS neu und behält Ihre Daten. **Wiederherstellen** löscht das iPhone; nutzen Sie es nur, wenn Aktualisieren fehlschlägt und ein Backup vorhanden ist.

## Schritte
1. Verbinden Sie das iPhone mit dem Computer und öffnen Sie den Finder oder die App „Apple Geräte“.
2. Versetzen Sie das iPhone in den **Wiederherstellungsmodus**: *Lauter* kurz drücken, *Leiser* kurz drücken, dann die *Seitentaste* halten und **über das Apple-Logo hinaus gedrückt halten**, bis ein Computer mit Kabel angezeigt wird.
3. Wählen Sie am Computer **Aktualisieren**. Der Download kann bis zu 15 Minuten dauern; verlässt das iPhone in dieser Zeit den Wiederherstellungsmodus, wiederholen Sie Schritt 2.
4. Nach dem Update richten Sie das iPhone ein.

## Wenn Aktualisieren fehlschlägt
Wählen Sie **Wiederherstellen** und spielen Sie anschließend Ihr Backup aus iCloud oder vom Computer ein. Startet das iPhone dann immer noch nicht oder erkennt der Computer es nicht, wenden Sie sich an den Support: Wahrscheinlich liegt ein Hardwarefehler vor, und wir organisieren eine Diagnose.""",
        ),
        "ru": (
            "Если iPhone завис на логотипе Apple",
            """Если iPhone постоянно перезагружается или больше часа показывает логотип Apple, программное обеспечение обычно можно восстановить с помощью компьютера.

## Перед началом
- Понадобится Mac (Finder) или компьютер с Windows (приложение «Устройства Apple» или iTunes) и USB-кабель.
- **Обновить** — переустанавливает iOS с сохранением данных. **Восстановить** — стирает iPhone; используйте этот вариант, только если обновление не помогло и есть резервная копия.

## Порядок действий
1. Подключите iPhone к компьютеру и откройте Finder или приложение «Устройства Apple».
2. Переведите iPhone в **режим восстановления**: нажмите и отпустите *увеличение громкости*, затем *уменьшение громкости*, потом удерживайте *боковую кнопку* и **не отпускайте её после появления логотипа Apple**, пока на экране не появится изображение компьютера и кабеля.
3. На компьютере выберите **Обновить**. Загрузка может занять до 15 минут; если за это время iPhone выйдет из режима восстановления, повторите шаг 2.
4. После обновления настройте iPhone.

## Если обновить не удалось
Выберите **Восстановить**, а затем восстановите данные из резервной копии iCloud или компьютера. Если iPhone всё равно не запускается или компьютер его не видит, обратитесь в поддержку: вероятна аппаратная неисправность, и мы организуем диагностику.""",
        ),
    },
    {
        "id": "demo-iphone-water-damage",
        "group": "iphone",
        "topic": "water-damage",
        "en": (
            "If your iPhone got wet",
            """Recent iPhone models are splash, water and dust resistant, but not waterproof, and the resistance decreases with age. Liquid damage is **not covered by the standard warranty**, so act quickly.

## Right away
1. **Take the phone out of the liquid** and wipe it with a soft, lint-free cloth.
2. If it was salt water, chlorinated pool water, coffee or a soft drink, rinse it briefly under clean tap water, then dry it.
3. **Do not charge it** while it is wet, and don't connect accessories.
4. Hold it with the charging port facing down and tap it gently against your hand to let water out.

## What not to do
- No hairdryer, oven, radiator or compressed air.
- Don't put cotton buds or paper towels into the port.
- **Rice does not help**: tiny grains can get into the phone.

## Drying
Leave the iPhone in a dry place with some airflow for at least **5 hours** before charging or using a cable. A wet SIM tray: remove it and let it dry separately.

## Afterwards
If the phone doesn't turn on, the sound is muffled, the screen shows stains or the camera fogs up, contact support. A technician checks the liquid indicators and gives you a quote; if you have a plan that covers accidental damage, only the service fee applies.""",
        ),
        "de": (
            "Wenn Ihr iPhone nass geworden ist",
            """Neuere iPhone-Modelle sind spritzwasser-, wasser- und staubgeschützt, aber nicht wasserdicht, und der Schutz lässt mit der Zeit nach. Flüssigkeitsschäden sind **nicht durch die Herstellergarantie abgedeckt** – handeln Sie deshalb schnell.

## Sofort
1. **Holen Sie das iPhone aus der Flüssigkeit** und wischen Sie es mit einem weichen, fusselfreien Tuch ab.
2. War es Salzwasser, Chlorwasser, Kaffee oder Limonade, spülen Sie es kurz unter sauberem Leitungswasser ab und trocknen Sie es.
3. **Nicht laden**, solange es nass ist, und kein Zubehör anschließen.
4. Halten Sie es mit dem Ladeanschluss nach unten und klopfen Sie es sanft gegen die Hand, damit Wasser herausläuft.

## Was Sie nicht tun sollten
- Kein Föhn, kein Backofen, keine Heizung, keine Druckluft.
- Keine Wattestäbchen oder Papiertücher in den Anschluss stecken.
- **Reis hilft nicht**: Kleine Körner können ins Gerät gelangen.

## Trocknen
Lassen Sie das iPhone mindestens **5 Stunden** an einem trockenen, gut belüfteten Ort liegen, bevor Sie es laden oder ein Kabel anschließen. Nehmen Sie ein nasses SIM-Fach heraus und lassen Sie es getrennt trocknen.

## Danach
Schaltet sich das iPhone nicht ein, klingt der Ton dumpf, zeigt das Display Flecken oder beschlägt die Kamera, wenden Sie sich an den Support. Ein Techniker prüft die Feuchtigkeitsindikatoren und erstellt einen Kostenvoranschlag; mit einem Schutzplan für Unfallschäden fällt nur die Servicegebühr an.""",
        ),
        "ru": (
            "Если в iPhone попала вода",
            """Современные iPhone защищены от брызг, воды и пыли, но не водонепроницаемы, а защита со временем ослабевает. Повреждения жидкостью **не покрываются стандартной гарантией**, поэтому действуйте быстро.

## Сразу
1. **Достаньте телефон из жидкости** и протрите мягкой безворсовой тканью.
2. Если это была морская или хлорированная вода, кофе или сладкий напиток, коротко сполосните iPhone чистой водопроводной водой и вытрите.
3. **Не заряжайте** мокрый телефон и не подключайте аксессуары.
4. Держите iPhone разъёмом вниз и слегка постучите им о ладонь, чтобы вода вытекла.

## Чего делать нельзя
- Не используйте фен, духовку, батарею отопления или сжатый воздух.
- Не засовывайте в разъём ватные палочки и бумажные салфетки.
- **Рис не помогает**: мелкие частицы могут попасть внутрь.

## Сушка
Оставьте iPhone в сухом проветриваемом месте минимум на **5 часов**, прежде чем заряжать его или подключать кабель. Мокрый лоток SIM-карты извлеките и высушите отдельно.

## Потом
Если телефон не включается, звук стал глухим, на экране пятна или запотевает камера, обратитесь в поддержку. Мастер проверит индикаторы влаги и назовёт стоимость ремонта; если у вас план с покрытием случайных повреждений, оплачивается только сервисный сбор.""",
        ),
    },
    {
        "id": "demo-iphone-liquid-detected",
        "group": "iphone",
        "topic": "water-damage",
        "en": (
            '"Liquid detected in connector" alert',
            """iPhone XS and later warn you when they detect liquid in the Lightning or USB-C port. The alert protects the phone: charging a wet connector can corrode the pins.

## What to do
1. **Unplug the cable** and any accessory at both ends.
2. Tap the phone gently against your hand with the connector facing down.
3. Leave it in a dry place with airflow. Try charging again after **at least 30 minutes**; full drying can take up to a day.
4. If the alert comes back, the port is still wet: wait longer.

## Emergency override
The alert offers *Emergency Override* to charge anyway. Only use it in a real emergency, because charging while wet can damage the port.

## Need to charge now?
**Wireless charging** is safe while the port dries, because nothing touches the connector.

## The alert appears although the phone is dry
Dirt or a faulty cable can also trigger it. Clean the port carefully with a wooden toothpick, try another certified cable, and if the alert persists, contact support for a port check.""",
        ),
        "de": (
            "Hinweis „Flüssigkeit im Anschluss erkannt“",
            """Ab iPhone XS warnt das iPhone, wenn es Flüssigkeit im Lightning- oder USB‑C-Anschluss erkennt. Der Hinweis schützt das Gerät: Laden über einen nassen Anschluss kann die Kontakte korrodieren lassen.

## Was Sie tun sollten
1. **Ziehen Sie Kabel und Zubehör** an beiden Enden ab.
2. Klopfen Sie das iPhone mit dem Anschluss nach unten sanft gegen die Hand.
3. Lassen Sie es an einem trockenen, gut belüfteten Ort liegen. Versuchen Sie frühestens nach **30 Minuten** erneut zu laden; vollständiges Trocknen kann bis zu einem Tag dauern.
4. Erscheint der Hinweis wieder, ist der Anschluss noch feucht: Warten Sie länger.

## Notfall-Überbrückung
Der Hinweis bietet an, trotzdem zu laden. Nutzen Sie das nur im echten Notfall, denn Laden im nassen Zustand kann den Anschluss beschädigen.

## Sie müssen sofort laden?
**Kabelloses Laden** ist unbedenklich, während der Anschluss trocknet, da nichts den Anschluss berührt.

## Der Hinweis erscheint, obwohl das iPhone trocken ist
Auch Schmutz oder ein defektes Kabel können ihn auslösen. Reinigen Sie den Anschluss vorsichtig mit einem Holzzahnstocher, testen Sie ein anderes zertifiziertes Kabel und wenden Sie sich an den Support, wenn der Hinweis bleibt.""",
        ),
        "ru": (
            "Сообщение «В разъёме обнаружена жидкость»",
            """iPhone XS и новее предупреждают, если обнаружили жидкость в разъёме Lightning или USB-C. Это защита: зарядка через мокрый разъём может вызвать коррозию контактов.

## Что делать
1. **Отсоедините кабель** и аксессуары с обеих сторон.
2. Держа iPhone разъёмом вниз, слегка постучите им о ладонь.
3. Оставьте телефон в сухом проветриваемом месте. Пробуйте заряжать снова не раньше чем через **30 минут**; полное высыхание может занять до суток.
4. Если предупреждение появилось снова, разъём ещё влажный — подождите дольше.

## Экстренное игнорирование
В сообщении можно выбрать зарядку вопреки предупреждению. Делайте это только в крайнем случае: зарядка мокрого разъёма может его повредить.

## Нужно зарядить прямо сейчас?
**Беспроводная зарядка** безопасна, пока разъём сохнет, — к контактам ничего не прикасается.

## Предупреждение появляется, хотя телефон сухой
Его может вызвать и грязь, и неисправный кабель. Аккуратно очистите разъём деревянной зубочисткой, попробуйте другой сертифицированный кабель, а если сообщение не пропадает, обратитесь в поддержку для проверки разъёма.""",
        ),
    },
    {
        "id": "demo-iphone-cracked-screen",
        "group": "iphone",
        "topic": "screen-display",
        "en": (
            "If your iPhone screen is cracked: repair options",
            """Most screen repairs follow a drop. A cracked screen can cut fingers and lets in dust and moisture, so have it repaired soon.

## Until the repair
- Put clear tape or a screen protector over the crack.
- **Back up your iPhone** to iCloud or a computer.
- If touch no longer works, you can still back up by connecting to a computer you trusted before.

## Is it covered?
Accidental damage is **not covered by the hardware warranty**. It is covered by an extended plan with accidental damage protection: then you only pay the service fee. Check your coverage with the serial number.

## How the repair works
1. Contact support or book a repair. Choose **in store**, an **on-site visit** at your home, or **courier pick-up**.
2. A technician checks the phone, confirms the quote and reserves a genuine display.
3. Most screen replacements are done within a few hours in store; courier repairs take 3–5 working days.
4. Every repair has its own **90-day warranty**.

## Before handing it in
Turn off *Find My* only if the technician asks you to, remove your SIM card if you are sending the phone by courier, and keep your passcode ready for the function test.""",
        ),
        "de": (
            "Wenn das Display Ihres iPhone gesprungen ist: Reparaturmöglichkeiten",
            """Die meisten Displayreparaturen folgen auf einen Sturz. Ein gesprungenes Display kann die Finger verletzen und lässt Staub und Feuchtigkeit eindringen – lassen Sie es bald reparieren.

## Bis zur Reparatur
- Kleben Sie durchsichtiges Klebeband oder eine Schutzfolie über den Riss.
- **Sichern Sie Ihr iPhone** in iCloud oder auf einem Computer.
- Funktioniert die Touch-Eingabe nicht mehr, können Sie trotzdem über einen Computer sichern, dem Sie früher vertraut haben.

## Ist das abgedeckt?
Unfallschäden sind **nicht durch die Herstellergarantie abgedeckt**. Ein erweiterter Schutzplan mit Unfallschutz übernimmt sie: Dann zahlen Sie nur die Servicegebühr. Prüfen Sie Ihre Abdeckung mit der Seriennummer.

## So läuft die Reparatur
1. Kontaktieren Sie den Support oder buchen Sie eine Reparatur. Wählen Sie **im Store**, einen **Vor-Ort-Termin** bei Ihnen zu Hause oder **Abholung per Kurier**.
2. Ein Techniker prüft das Gerät, bestätigt den Kostenvoranschlag und reserviert ein Originaldisplay.
3. Die meisten Displays werden im Store innerhalb weniger Stunden getauscht; Kurierreparaturen dauern 3–5 Werktage.
4. Auf jede Reparatur gibt es eine eigene **Reparaturgarantie von 90 Tagen**.

## Vor der Abgabe
Schalten Sie *Wo ist?* nur aus, wenn der Techniker Sie darum bittet, nehmen Sie bei Kurierversand die SIM-Karte heraus und halten Sie Ihren Code für den Funktionstest bereit.""",
        ),
        "ru": (
            "Если разбит экран iPhone: варианты ремонта",
            """Чаще всего экран ремонтируют после падения. Разбитое стекло может поранить пальцы, а через трещины внутрь попадают пыль и влага, поэтому не откладывайте ремонт.

## До ремонта
- Заклейте трещину прозрачным скотчем или защитной плёнкой.
- **Создайте резервную копию** в iCloud или на компьютере.
- Если сенсор уже не работает, копию можно сделать, подключив iPhone к компьютеру, которому вы раньше доверяли.

## Покрывается ли ремонт?
Случайные повреждения **не покрываются гарантией производителя**. Их покрывает расширенный план с защитой от случайных повреждений — тогда вы платите только сервисный сбор. Проверьте покрытие по серийному номеру.

## Как проходит ремонт
1. Обратитесь в поддержку или запишитесь на ремонт. Выберите ремонт **в сервисном центре**, **выезд мастера на дом** или **курьерскую доставку**.
2. Мастер осмотрит телефон, подтвердит стоимость и зарезервирует оригинальный дисплей.
3. В сервисном центре экран обычно меняют за несколько часов; при курьерской доставке ремонт занимает 3–5 рабочих дней.
4. На каждый ремонт даётся собственная **гарантия 90 дней**.

## Перед сдачей в ремонт
Отключайте *«Локатор»*, только если об этом попросит мастер, при отправке курьером извлеките SIM-карту и держите под рукой код-пароль для проверки работы.""",
        ),
    },
    {
        "id": "demo-iphone-touchscreen",
        "group": "iphone",
        "topic": "screen-display",
        "en": (
            "If the iPhone touchscreen doesn't respond",
            """If the screen ignores taps, reacts in the wrong place or "touches itself", try these steps.

## Quick checks
1. **Clean the screen** with a soft, slightly damp, lint-free cloth. Water drops and grease confuse the touch sensor.
2. **Take off the screen protector and case**: a bubble or a badly fitted protector often causes dead zones.
3. Dry your hands and take off gloves.
4. Unplug the charger: some uncertified chargers cause erratic touch.

## Restart
Force restart the iPhone: press and release *volume up*, then *volume down*, then hold the *side button* until the Apple logo appears.

## Does it happen in one app only?
Update that app in the App Store or delete and reinstall it. Also update iOS in *Settings > General > Software Update*.

## Adjust touch settings
*Settings > Accessibility > Touch > Touch Accommodations* and *Haptic Touch* change how long and how hard you need to press. Make sure Touch Accommodations isn't switched on by mistake.

## Still not working?
If the screen was dropped, got wet or was recently repaired elsewhere, the display may need service. Contact support: if the display was replaced by us in the last 90 days, the repair warranty covers it.""",
        ),
        "de": (
            "Wenn der Touchscreen Ihres iPhone nicht reagiert",
            """Wenn das Display Eingaben ignoriert, an der falschen Stelle reagiert oder „von selbst“ tippt, helfen diese Schritte.

## Schnelle Prüfungen
1. **Display reinigen** mit einem weichen, leicht feuchten, fusselfreien Tuch. Wassertropfen und Fett verwirren den Touchsensor.
2. **Schutzfolie und Hülle entfernen**: Eine Luftblase oder schlecht sitzende Folie verursacht oft tote Bereiche.
3. Hände abtrocknen und Handschuhe ausziehen.
4. Ladegerät abziehen: Manche nicht zertifizierte Ladegeräte stören die Touch-Eingabe.

## Neustart
Erzwingen Sie einen Neustart: *Lauter* kurz drücken, *Leiser* kurz drücken, dann die *Seitentaste* halten, bis das Apple-Logo erscheint.

## Passiert es nur in einer App?
Aktualisieren Sie die App im App Store oder löschen und installieren Sie sie neu. Aktualisieren Sie auch iOS unter *Einstellungen > Allgemein > Softwareupdate*.

## Touch-Einstellungen anpassen
*Einstellungen > Bedienungshilfen > Tippen > Touch-Anpassungen* und *Haptic Touch* bestimmen, wie lange und wie fest Sie drücken müssen. Prüfen Sie, ob die Touch-Anpassungen versehentlich aktiviert sind.

## Funktioniert es immer noch nicht?
Ist das iPhone heruntergefallen, nass geworden oder wurde das Display kürzlich anderswo repariert, braucht das Display wahrscheinlich einen Service. Kontaktieren Sie den Support: Haben wir das Display in den letzten 90 Tagen getauscht, greift die Reparaturgarantie.""",
        ),
        "ru": (
            "Если сенсорный экран iPhone не реагирует",
            """Если экран не реагирует на касания, срабатывает не в том месте или «нажимается сам», выполните эти шаги.

## Быстрые проверки
1. **Протрите экран** мягкой, слегка влажной безворсовой тканью. Капли воды и жир сбивают сенсор.
2. **Снимите защитное стекло и чехол**: пузырь воздуха или плохо наклеенное стекло часто создают «мёртвые» зоны.
3. Вытрите руки и снимите перчатки.
4. Отключите зарядку: некоторые несертифицированные зарядные устройства вызывают ложные касания.

## Перезагрузка
Принудительно перезагрузите iPhone: нажмите и отпустите *увеличение громкости*, затем *уменьшение громкости*, затем удерживайте *боковую кнопку* до появления логотипа Apple.

## Проблема только в одном приложении?
Обновите его в App Store или удалите и установите заново. Также обновите iOS: *Настройки > Основные > Обновление ПО*.

## Настройте касания
Параметры *Настройки > Универсальный доступ > Касание > Адаптация касания* и *Haptic Touch* определяют, как долго и с какой силой нужно нажимать. Проверьте, не включена ли «Адаптация касания» случайно.

## Не помогло?
Если телефон падал, намокал или экран недавно меняли в другом сервисе, дисплею, вероятно, нужен ремонт. Обратитесь в поддержку: если мы меняли дисплей в последние 90 дней, ремонт покрывается гарантией на ремонт.""",
        ),
    },
    {
        "id": "demo-iphone-camera-blurry",
        "group": "iphone",
        "topic": "camera",
        "en": (
            "If iPhone photos are blurry or the camera shows a black screen",
            """## Blurry photos
1. **Clean the lens** with a microfibre cloth. Fingerprints are the most common cause of hazy photos.
2. **Remove the case** or metal accessories near the camera: they can interfere with the optical image stabilisation and autofocus.
3. Tap the subject on the screen to focus; hold to lock focus and exposure (*AE/AF Lock*).
4. Close-ups: step back a little. Newer models switch to the ultra-wide *macro* lens automatically; you can control this in *Settings > Camera > Macro Control*.

## Black screen or the camera won't open
1. Close the Camera app and open it again.
2. Restart the iPhone.
3. Check *Settings > Screen Time > Content & Privacy Restrictions > Allowed Apps* – the camera may be switched off.
4. Switch between the front and rear camera to see whether only one camera is affected.

## Shaking, buzzing or clicking camera
Strong vibration – for example from motorcycle engines – can damage the stabilisation. If the picture shakes or you hear a buzzing noise when the camera is open, contact support for a camera check.

## Dust or condensation behind the lens
This needs a technician. Contact support; if your iPhone is within warranty and there is no accidental damage, the repair is free.""",
        ),
        "de": (
            "Wenn Fotos unscharf sind oder die iPhone-Kamera schwarz bleibt",
            """## Unscharfe Fotos
1. **Objektiv reinigen** mit einem Mikrofasertuch. Fingerabdrücke sind die häufigste Ursache für milchige Fotos.
2. **Hülle abnehmen** oder Metallzubehör in der Nähe der Kamera entfernen: Es kann die optische Bildstabilisierung und den Autofokus stören.
3. Tippen Sie auf das Motiv, um scharfzustellen; halten Sie gedrückt, um Fokus und Belichtung zu sperren (*AE/AF-Sperre*).
4. Nahaufnahmen: Gehen Sie etwas zurück. Neuere Modelle wechseln automatisch zum Ultraweitwinkel für *Makro*; steuerbar unter *Einstellungen > Kamera > Makrosteuerung*.

## Schwarzer Bildschirm oder die Kamera öffnet sich nicht
1. Kamera-App schließen und erneut öffnen.
2. iPhone neu starten.
3. *Einstellungen > Bildschirmzeit > Beschränkungen > Erlaubte Apps* prüfen – vielleicht ist die Kamera deaktiviert.
4. Zwischen Front- und Rückkamera wechseln, um zu sehen, ob nur eine Kamera betroffen ist.

## Kamera wackelt, summt oder klickt
Starke Vibrationen – etwa von Motorradmotoren – können die Stabilisierung beschädigen. Wackelt das Bild oder hören Sie ein Summen bei geöffneter Kamera, wenden Sie sich für eine Kameraprüfung an den Support.

## Staub oder Kondenswasser hinter dem Objektiv
Das muss ein Techniker beheben. Kontaktieren Sie den Support; ist Ihr iPhone in der Garantie und liegt kein Unfallschaden vor, ist die Reparatur kostenlos.""",
        ),
        "ru": (
            "Если фото на iPhone размытые или камера показывает чёрный экран",
            """## Размытые снимки
1. **Протрите объектив** салфеткой из микрофибры. Отпечатки пальцев — самая частая причина «мутных» фото.
2. **Снимите чехол** или металлические аксессуары рядом с камерой: они мешают оптической стабилизации и автофокусу.
3. Коснитесь объекта на экране, чтобы сфокусироваться; удерживайте палец, чтобы зафиксировать фокус и экспозицию (*Фиксация АЭ/АФ*).
4. Съёмка вблизи: отойдите немного назад. Новые модели автоматически переключаются на сверхширокоугольную камеру для *макро*; это настраивается в *Настройки > Камера > Управление макросъёмкой*.

## Чёрный экран или камера не открывается
1. Закройте приложение «Камера» и откройте снова.
2. Перезагрузите iPhone.
3. Проверьте *Настройки > Экранное время > Контент и конфиденциальность > Разрешённые приложения* — камера может быть отключена.
4. Переключитесь между фронтальной и основной камерой, чтобы понять, затронута ли только одна.

## Изображение дрожит, камера жужжит или щёлкает
Сильная вибрация, например от мотоциклетного двигателя, может повредить стабилизацию. Если картинка дрожит или при открытой камере слышно жужжание, обратитесь в поддержку для проверки камеры.

## Пыль или конденсат под стеклом объектива
Это устраняет только мастер. Обратитесь в поддержку; если iPhone на гарантии и нет следов случайного повреждения, ремонт бесплатный.""",
        ),
    },
]
