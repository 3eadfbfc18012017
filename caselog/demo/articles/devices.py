"""Demo help articles: iPad, Mac and Watch."""

from __future__ import annotations

from caselog.demo.articles.types import DemoArticle

ARTICLES: list[DemoArticle] = [
    {
        "id": "demo-ipad-wont-charge",
        "group": "ipad",
        "topic": "battery-charging",
        "en": (
            "If your iPad won't charge or charges slowly",
            """iPad batteries are large, so a weak power source often looks like "not charging".

## Use a proper adapter
- Charge from a **wall outlet** with the adapter that came with the iPad (or a USB-C Power Delivery adapter of **at least 20 W**).
- A computer's USB port or a phone adapter of 5 W may only keep the iPad from draining; the status bar then shows *Not Charging*.

## Check cable and port
1. Look for damage on the cable and try another one.
2. Inspect the port for lint and remove it carefully with a wooden toothpick.
3. Connect firmly: the plug should click in fully.

## Restart
Force restart the iPad. Models with a Home button: hold the *Home* and *top* buttons together until the Apple logo appears. Models without a Home button: press *volume up*, press *volume down*, then hold the *top* button.

## Leave it for an hour
A completely drained iPad may need up to an hour before the screen comes on.

## Still not charging?
Contact support with your serial number (*Settings > General > About*). We check your coverage and book a repair.""",
        ),
        "de": (
            "Wenn Ihr iPad nicht oder nur langsam lädt",
            """iPad-Akkus sind groß, daher wirkt eine schwache Stromquelle oft wie „lädt nicht“.

## Geeignetes Netzteil verwenden
- Laden Sie an einer **Steckdose** mit dem mitgelieferten Netzteil (oder einem USB‑C-Power-Delivery-Netzteil mit **mindestens 20 W**).
- Am USB-Anschluss eines Computers oder mit einem 5‑W-Handynetzteil wird der Akku eventuell nur gehalten; in der Statusleiste steht dann *Wird nicht geladen*.

## Kabel und Anschluss prüfen
1. Kabel auf Schäden untersuchen und ein anderes ausprobieren.
2. Anschluss auf Flusen prüfen und diese vorsichtig mit einem Holzzahnstocher entfernen.
3. Stecker fest einstecken, bis er vollständig sitzt.

## Neustart
Erzwingen Sie einen Neustart. Modelle mit Home-Taste: *Home-Taste* und *obere Taste* gleichzeitig halten, bis das Apple-Logo erscheint. Modelle ohne Home-Taste: *Lauter* drücken, *Leiser* drücken, dann die *obere Taste* halten.

## Eine Stunde warten
Ein vollständig entladenes iPad braucht manchmal bis zu einer Stunde, bis sich das Display einschaltet.

## Lädt es immer noch nicht?
Wenden Sie sich mit Ihrer Seriennummer (*Einstellungen > Allgemein > Info*) an den Support. Wir prüfen Ihre Abdeckung und buchen eine Reparatur.""",
        ),
        "ru": (
            "Если iPad не заряжается или заряжается медленно",
            """У iPad ёмкий аккумулятор, поэтому слабый источник питания часто выглядит как «не заряжается».

## Используйте подходящий адаптер
- Заряжайте от **розетки** адаптером из комплекта (или адаптером USB-C Power Delivery мощностью **не менее 20 Вт**).
- От USB-порта компьютера или 5-ваттного адаптера для телефона iPad может лишь не разряжаться; в строке состояния тогда написано *«Не заряжается»*.

## Проверьте кабель и разъём
1. Осмотрите кабель и попробуйте другой.
2. Проверьте, нет ли в разъёме ворса, и аккуратно удалите его деревянной зубочисткой.
3. Вставляйте штекер плотно, до конца.

## Перезагрузка
Принудительно перезагрузите iPad. Модели с кнопкой «Домой»: одновременно удерживайте кнопки *«Домой»* и *верхнюю*, пока не появится логотип Apple. Модели без кнопки «Домой»: нажмите *увеличение громкости*, затем *уменьшение громкости* и удерживайте *верхнюю кнопку*.

## Подождите час
Полностью разряженному iPad может понадобиться до часа, прежде чем включится экран.

## Всё равно не заряжается?
Обратитесь в поддержку, указав серийный номер (*Настройки > Основные > Об этом устройстве*). Мы проверим покрытие и запишем вас на ремонт.""",
        ),
    },
    {
        "id": "demo-ipad-app-crashes",
        "group": "ipad",
        "topic": "apps",
        "en": (
            "If an app on your iPad quits unexpectedly or freezes",
            """## 1. Close and reopen the app
Swipe up from the bottom edge and pause to see open apps (or double-click the Home button), then swipe the app up to close it. Open it again.

## 2. Restart the iPad
Turn the iPad off and on again. This clears temporary problems with memory and network connections.

## 3. Update
- Update the app: open the **App Store**, tap your profile picture and pull down to refresh, then tap *Update* next to the app.
- Update iPadOS in *Settings > General > Software Update*.

## 4. Free up storage
With less than 1–2 GB free, apps can quit without warning. Check *Settings > General > iPad Storage* and offload apps you don't use.

## 5. Reinstall the app
Touch and hold the app icon, tap **Remove App > Delete App**, then download it again from the App Store. Deleting an app can delete its data: check first whether the app stores your data in iCloud or in an account.

## Still crashing?
If only one app is affected, contact its developer: open the app's page in the App Store and scroll to *App Support*. If several apps crash, contact us – we'll look at the device's diagnostics with you.""",
        ),
        "de": (
            "Wenn sich eine App auf dem iPad unerwartet beendet oder hängt",
            """## 1. App schließen und neu öffnen
Streichen Sie vom unteren Rand nach oben und halten Sie kurz inne (oder drücken Sie zweimal die Home-Taste). Schieben Sie die App nach oben, um sie zu schließen, und öffnen Sie sie erneut.

## 2. iPad neu starten
Schalten Sie das iPad aus und wieder ein. Das behebt vorübergehende Probleme mit Speicher und Netzwerkverbindungen.

## 3. Aktualisieren
- App aktualisieren: **App Store** öffnen, auf Ihr Profilbild tippen, nach unten ziehen und neben der App auf *Aktualisieren* tippen.
- iPadOS aktualisieren unter *Einstellungen > Allgemein > Softwareupdate*.

## 4. Speicher freigeben
Mit weniger als 1–2 GB freiem Speicher können Apps ohne Vorwarnung beendet werden. Prüfen Sie *Einstellungen > Allgemein > iPad-Speicher* und lagern Sie ungenutzte Apps aus.

## 5. App neu installieren
Halten Sie das App-Symbol gedrückt, tippen Sie auf **App entfernen > App löschen** und laden Sie sie im App Store erneut. Beim Löschen können App-Daten verloren gehen: Prüfen Sie vorher, ob die App Ihre Daten in iCloud oder einem Konto speichert.

## Stürzt sie weiterhin ab?
Betrifft es nur eine App, wenden Sie sich an den Entwickler: Öffnen Sie die App-Seite im App Store und scrollen Sie zu *App-Support*. Stürzen mehrere Apps ab, kontaktieren Sie uns – wir sehen uns die Diagnosedaten des Geräts gemeinsam mit Ihnen an.""",
        ),
        "ru": (
            "Если приложение на iPad неожиданно закрывается или зависает",
            """## 1. Закройте и снова откройте приложение
Смахните вверх от нижнего края экрана и задержите палец (или дважды нажмите кнопку «Домой»), затем смахните приложение вверх, чтобы закрыть его. Откройте его снова.

## 2. Перезапустите iPad
Выключите и снова включите iPad. Это устраняет временные проблемы с памятью и сетевыми подключениями.

## 3. Обновите
- Обновите приложение: откройте **App Store**, коснитесь своего фото профиля, потяните список вниз и нажмите *«Обновить»* рядом с приложением.
- Обновите iPadOS: *Настройки > Основные > Обновление ПО*.

## 4. Освободите место
Если свободно меньше 1–2 ГБ, приложения могут закрываться без предупреждения. Проверьте *Настройки > Основные > Хранилище iPad* и сгрузите неиспользуемые приложения.

## 5. Переустановите приложение
Нажмите и удерживайте значок, выберите **Удалить приложение > Удалить приложение**, затем снова загрузите его из App Store. При удалении могут пропасть данные приложения: заранее проверьте, хранит ли оно данные в iCloud или в учётной записи.

## Всё равно вылетает?
Если проблема только в одном приложении, свяжитесь с его разработчиком: откройте страницу приложения в App Store и найдите раздел *«Поддержка приложения»*. Если вылетают несколько приложений, обратитесь к нам — мы вместе посмотрим диагностику устройства.""",
        ),
    },
    {
        "id": "demo-ipad-app-wont-download",
        "group": "ipad",
        "topic": "apps",
        "en": (
            "If you can't download or update apps on your iPad",
            """## Check the basics
1. **Internet**: open a website in Safari. Large apps may need Wi-Fi.
2. **Storage**: *Settings > General > iPad Storage* shows how much space is free; an app needs room for the download and the installation.
3. **Date and time**: set *Settings > General > Date & Time* to *Set Automatically*.

## Check your account
- Make sure you're signed in with the account that bought the app (*Settings > your name > Media & Purchases*).
- **Payment method**: an expired card or an unpaid previous purchase blocks all downloads, including free apps. Update it under *Settings > your name > Payment & Shipping*.
- If downloads and purchases were **temporarily disabled by support** after a report of unauthorised purchases, they stay off until your identity is verified. See *Unauthorised purchases on your account*.

## A download is stuck on "Waiting"
Touch and hold the app icon and choose *Pause Download*, then *Resume Download*. If that doesn't help, restart the iPad.

## Restrictions
Check *Settings > Screen Time > Content & Privacy Restrictions > iTunes & App Store Purchases*: *Installing Apps* must be allowed.""",
        ),
        "de": (
            "Wenn Sie auf dem iPad keine Apps laden oder aktualisieren können",
            """## Grundlagen prüfen
1. **Internet**: Öffnen Sie eine Website in Safari. Große Apps brauchen eventuell WLAN.
2. **Speicher**: *Einstellungen > Allgemein > iPad-Speicher* zeigt den freien Platz; eine App braucht Platz für Download und Installation.
3. **Datum und Uhrzeit**: *Einstellungen > Allgemein > Datum & Uhrzeit* auf *Automatisch einstellen* setzen.

## Account prüfen
- Sind Sie mit dem Account angemeldet, mit dem die App gekauft wurde (*Einstellungen > Ihr Name > Medien & Käufe*)?
- **Zahlungsmethode**: Eine abgelaufene Karte oder ein offener früherer Kauf blockiert alle Downloads, auch kostenlose Apps. Aktualisieren Sie sie unter *Einstellungen > Ihr Name > Zahlung & Versand*.
- Wurden Downloads und Käufe nach einer Meldung nicht autorisierter Käufe **vom Support vorübergehend gesperrt**, bleiben sie bis zur Identitätsprüfung deaktiviert. Siehe *Nicht autorisierte Käufe in Ihrem Account*.

## Ein Download hängt bei „Warten“
Halten Sie das App-Symbol gedrückt und wählen Sie *Download anhalten*, dann *Download fortsetzen*. Hilft das nicht, starten Sie das iPad neu.

## Beschränkungen
Prüfen Sie *Einstellungen > Bildschirmzeit > Beschränkungen > Käufe im iTunes & App Store*: *Apps installieren* muss erlaubt sein.""",
        ),
        "ru": (
            "Если на iPad не загружаются или не обновляются приложения",
            """## Проверьте основное
1. **Интернет**: откройте любой сайт в Safari. Для больших приложений может понадобиться Wi-Fi.
2. **Хранилище**: в *Настройки > Основные > Хранилище iPad* видно, сколько свободно; приложению нужно место и для загрузки, и для установки.
3. **Дата и время**: в *Настройки > Основные > Дата и время* включите *«Автоматически»*.

## Проверьте учётную запись
- Убедитесь, что вход выполнен с той учётной записью, с которой приложение было куплено (*Настройки > ваше имя > Медиаматериалы и покупки*).
- **Способ оплаты**: просроченная карта или неоплаченная прошлая покупка блокируют все загрузки, даже бесплатных приложений. Обновите данные в *Настройки > ваше имя > Оплата и доставка*.
- Если загрузки и покупки **временно отключила поддержка** после сообщения о несанкционированных покупках, они остаются отключёнными до проверки вашей личности. См. статью *«Несанкционированные покупки в вашей учётной записи»*.

## Загрузка зависла на «Ожидание»
Нажмите и удерживайте значок приложения, выберите *«Приостановить загрузку»*, затем *«Продолжить загрузку»*. Если не помогло, перезапустите iPad.

## Ограничения
Проверьте *Настройки > Экранное время > Контент и конфиденциальность > Покупки в iTunes Store и App Store*: *«Установка приложений»* должна быть разрешена.""",
        ),
    },
    {
        "id": "demo-ipad-screen",
        "group": "ipad",
        "topic": "screen-display",
        "en": (
            "If your iPad screen flickers, shows lines or stays dark",
            """## Screen is dark but the iPad is on
1. Increase brightness in Control Centre, or ask Siri to "turn brightness up".
2. Turn off *Settings > Accessibility > Display & Text Size > Reduce White Point* and *Zoom* filters if they were switched on.
3. Force restart the iPad.

## Flicker or colour changes
- Turn off *Auto-Brightness* and *True Tone* briefly to see whether the flicker stops.
- Update iPadOS: display bugs are often fixed in updates.
- Does the flicker appear only in one app? Then the app is at fault; update or reinstall it.

## Lines, spots or dead areas
Lines that stay in the same place after a restart, or dark blotches, mean the display panel is damaged – often after pressure in a bag. Take a screenshot: if the lines are **not** in the screenshot, the problem is in the display hardware.

## Repair
Contact support with your serial number. Display defects without signs of accidental damage are covered by the warranty. With accidental damage, a plan with accidental damage protection reduces the cost to the service fee.""",
        ),
        "de": (
            "Wenn das iPad-Display flackert, Streifen zeigt oder dunkel bleibt",
            """## Display dunkel, iPad aber an
1. Erhöhen Sie die Helligkeit im Kontrollzentrum oder bitten Sie Siri: „Helligkeit erhöhen“.
2. Schalten Sie *Einstellungen > Bedienungshilfen > Anzeige & Textgröße > Weißpunkt reduzieren* und *Zoom*-Filter aus, falls aktiv.
3. Erzwingen Sie einen Neustart des iPad.

## Flackern oder Farbveränderungen
- Schalten Sie *Auto-Helligkeit* und *True Tone* kurz aus, um zu sehen, ob das Flackern aufhört.
- Aktualisieren Sie iPadOS: Anzeigefehler werden oft per Update behoben.
- Tritt das Flackern nur in einer App auf, liegt es an der App; aktualisieren oder installieren Sie sie neu.

## Streifen, Flecken oder tote Bereiche
Streifen, die nach einem Neustart an derselben Stelle bleiben, oder dunkle Flecken bedeuten, dass das Panel beschädigt ist – oft durch Druck in einer Tasche. Machen Sie ein Bildschirmfoto: Sind die Streifen **nicht** darauf zu sehen, liegt der Fehler in der Display-Hardware.

## Reparatur
Wenden Sie sich mit Ihrer Seriennummer an den Support. Displayfehler ohne Anzeichen eines Unfallschadens sind durch die Garantie abgedeckt. Bei Unfallschäden senkt ein Schutzplan mit Unfallschutz die Kosten auf die Servicegebühr.""",
        ),
        "ru": (
            "Если экран iPad мерцает, показывает полосы или остаётся тёмным",
            """## Экран тёмный, но iPad включён
1. Увеличьте яркость в Пункте управления или попросите Siri: «Увеличь яркость».
2. Отключите *Настройки > Универсальный доступ > Дисплей и размер текста > Понижение точки белого* и фильтры *«Увеличения»*, если они включены.
3. Принудительно перезагрузите iPad.

## Мерцание или изменение цветов
- Ненадолго отключите *автояркость* и *True Tone*, чтобы проверить, пропадёт ли мерцание.
- Обновите iPadOS: ошибки отображения часто исправляются в обновлениях.
- Мерцает только в одном приложении? Значит, дело в нём — обновите или переустановите его.

## Полосы, пятна или «мёртвые» зоны
Полосы, которые после перезагрузки остаются на месте, или тёмные пятна означают повреждение матрицы — часто из-за давления в сумке. Сделайте снимок экрана: если полос на снимке **нет**, неисправен сам дисплей.

## Ремонт
Обратитесь в поддержку, указав серийный номер. Дефекты дисплея без признаков случайного повреждения покрываются гарантией. При случайном повреждении план с защитой от случайных повреждений снижает стоимость до сервисного сбора.""",
        ),
    },
    {
        "id": "demo-mac-wont-start",
        "group": "mac",
        "topic": "startup",
        "en": (
            "If your Mac doesn't turn on or start up",
            """First find out whether the Mac **doesn't turn on** (no sound, no light, black screen) or **turns on but doesn't finish starting up** (logo, progress bar, question mark, circle with a line through it).

## It doesn't turn on
1. Check the power cable, the outlet and the adapter. On laptops, charge for at least 30 minutes.
2. Press the power button once, briefly. Then press and **hold it for 10 seconds**, release, and press it again.
3. Disconnect all accessories – drives, docks, printers – and try again.

## It starts but stops on a screen
- **Folder with a question mark**: the Mac can't find its startup disk. Open *System Settings > General > Startup Disk* after starting from recovery, or reinstall macOS.
- **Circle with a line through it**: the installed system isn't compatible or is damaged; reinstall macOS from recovery.
- **Progress bar stuck for hours**: turn off, start in **safe mode** (Apple silicon: hold the power button until *Loading startup options* appears, select the disk, hold *Shift*, click *Continue in Safe Mode*; Intel: hold *Shift* during startup).

## macOS Recovery
Apple silicon: hold the power button until startup options appear, then choose *Options*. Intel: hold *Command-R*. From recovery you can run **Disk Utility > First Aid** and reinstall macOS without erasing your data.

## Still stuck?
Contact support and tell us which screen you see. A technician can run diagnostics remotely or in store.""",
        ),
        "de": (
            "Wenn sich Ihr Mac nicht einschalten lässt oder nicht startet",
            """Klären Sie zuerst, ob sich der Mac **gar nicht einschaltet** (kein Ton, kein Licht, schwarzer Bildschirm) oder **eingeschaltet wird, aber nicht fertig startet** (Logo, Fortschrittsbalken, Fragezeichen, durchgestrichener Kreis).

## Er schaltet sich nicht ein
1. Prüfen Sie Netzkabel, Steckdose und Netzteil. Laden Sie Laptops mindestens 30 Minuten.
2. Drücken Sie einmal kurz die Ein-/Aus-Taste. Drücken und **halten Sie sie dann 10 Sekunden**, lassen Sie los und drücken Sie erneut.
3. Trennen Sie alles Zubehör – Laufwerke, Docks, Drucker – und versuchen Sie es noch einmal.

## Er startet, bleibt aber auf einem Bildschirm stehen
- **Ordner mit Fragezeichen**: Der Mac findet sein Startvolume nicht. Wählen Sie nach einem Start aus der Wiederherstellung das Startvolume aus oder installieren Sie macOS neu.
- **Durchgestrichener Kreis**: Das installierte System ist nicht kompatibel oder beschädigt; installieren Sie macOS aus der Wiederherstellung neu.
- **Fortschrittsbalken hängt stundenlang**: Ausschalten und im **sicheren Modus** starten (Apple Chip: Ein-/Aus-Taste halten, bis *Startoptionen werden geladen* erscheint, Volume wählen, *Umschalt* halten, *Im sicheren Modus fortfahren*; Intel: beim Start *Umschalt* halten).

## macOS-Wiederherstellung
Apple Chip: Ein-/Aus-Taste halten, bis die Startoptionen erscheinen, dann *Optionen* wählen. Intel: *Befehl-R* halten. Dort können Sie **Festplattendienstprogramm > Erste Hilfe** ausführen und macOS neu installieren, ohne Ihre Daten zu löschen.

## Hängt er weiterhin?
Kontaktieren Sie den Support und sagen Sie uns, welchen Bildschirm Sie sehen. Ein Techniker kann die Diagnose aus der Ferne oder im Store durchführen.""",
        ),
        "ru": (
            "Если Mac не включается или не загружается",
            """Сначала определите, **не включается** ли Mac совсем (нет звука, индикации, экран чёрный) или **включается, но не загружается** до конца (логотип, полоса загрузки, вопросительный знак, перечёркнутый круг).

## Mac не включается
1. Проверьте кабель питания, розетку и адаптер. Ноутбук зарядите хотя бы 30 минут.
2. Один раз коротко нажмите кнопку питания. Затем нажмите и **удерживайте её 10 секунд**, отпустите и нажмите снова.
3. Отключите все аксессуары — диски, док-станции, принтеры — и попробуйте ещё раз.

## Mac включается, но останавливается на каком-то экране
- **Папка с вопросительным знаком**: Mac не находит загрузочный диск. Загрузитесь в режим восстановления и выберите загрузочный диск или переустановите macOS.
- **Перечёркнутый круг**: установленная система несовместима или повреждена — переустановите macOS из режима восстановления.
- **Полоса загрузки стоит часами**: выключите Mac и запустите его в **безопасном режиме** (Apple silicon: удерживайте кнопку питания до надписи *«Загрузка параметров запуска»*, выберите диск, удерживайте *Shift* и нажмите *«Продолжить в безопасном режиме»*; Intel: удерживайте *Shift* при включении).

## Восстановление macOS
Apple silicon: удерживайте кнопку питания до появления параметров запуска и выберите *«Параметры»*. Intel: удерживайте *Command-R*. Там можно запустить **Дисковая утилита > Первая помощь** и переустановить macOS без удаления данных.

## Не помогло?
Обратитесь в поддержку и расскажите, какой экран вы видите. Мастер проведёт диагностику удалённо или в сервисном центре.""",
        ),
    },
    {
        "id": "demo-mac-wifi",
        "group": "mac",
        "topic": "wifi-network",
        "en": (
            "If your Mac doesn't connect to Wi-Fi",
            """## Is it the Mac or the network?
Check whether other devices can use the same Wi-Fi. If none can, restart the router (unplug it for 30 seconds) or contact your internet provider.

## On the Mac
1. Click the **Wi-Fi icon** in the menu bar, turn Wi-Fi off and on again, and choose your network.
2. **Forget the network** and join it again: *System Settings > Wi-Fi > Details… > Forget This Network*. You'll need the password.
3. Check **date and time**: *System Settings > General > Date & Time > Set time and date automatically*. A wrong clock breaks secure connections.
4. Turn off **VPN** and security software for a test.
5. Restart the Mac and install updates in *System Settings > General > Software Update*.

## Run Wireless Diagnostics
Hold *Option* and click the Wi-Fi icon, then choose **Open Wireless Diagnostics**. It monitors the connection and suggests fixes, for example for a crowded channel.

## Connected but no internet?
The menu shows an exclamation mark: the Mac has a Wi-Fi connection but no internet. Check *Details… > TCP/IP* and click **Renew DHCP Lease**; under *DNS* you can try another DNS server.

## Still no connection?
Contact support; mention whether the Mac sees any networks at all. If it sees none, the Wi-Fi hardware may need a check.""",
        ),
        "de": (
            "Wenn Ihr Mac keine WLAN-Verbindung herstellt",
            """## Liegt es am Mac oder am Netzwerk?
Prüfen Sie, ob andere Geräte dasselbe WLAN nutzen können. Geht es bei keinem, starten Sie den Router neu (30 Sekunden vom Strom trennen) oder wenden Sie sich an Ihren Internetanbieter.

## Am Mac
1. Klicken Sie in der Menüleiste auf das **WLAN-Symbol**, schalten Sie WLAN aus und wieder ein und wählen Sie Ihr Netzwerk.
2. **Netzwerk ignorieren** und neu verbinden: *Systemeinstellungen > WLAN > Details … > Dieses Netzwerk ignorieren*. Sie brauchen dann das Passwort.
3. **Datum und Uhrzeit** prüfen: *Systemeinstellungen > Allgemein > Datum & Uhrzeit > Automatisch einstellen*. Eine falsche Uhrzeit verhindert sichere Verbindungen.
4. **VPN** und Sicherheitssoftware testweise ausschalten.
5. Mac neu starten und Updates installieren unter *Systemeinstellungen > Allgemein > Softwareupdate*.

## Drahtlose Diagnose ausführen
Halten Sie *Wahl (Option)* gedrückt, klicken Sie auf das WLAN-Symbol und wählen Sie **Drahtlose Diagnose öffnen**. Sie überwacht die Verbindung und schlägt Lösungen vor, etwa bei einem überfüllten Kanal.

## Verbunden, aber kein Internet?
Das Menü zeigt ein Ausrufezeichen: Der Mac ist mit dem WLAN verbunden, hat aber kein Internet. Öffnen Sie *Details … > TCP/IP* und klicken Sie auf **DHCP-Lease erneuern**; unter *DNS* können Sie einen anderen DNS-Server eintragen.

## Immer noch keine Verbindung?
Kontaktieren Sie den Support und sagen Sie, ob der Mac überhaupt Netzwerke findet. Findet er keine, sollte die WLAN-Hardware geprüft werden.""",
        ),
        "ru": (
            "Если Mac не подключается к Wi-Fi",
            """## Проблема в Mac или в сети?
Проверьте, работают ли в этой сети Wi-Fi другие устройства. Если не работает ни одно, перезагрузите роутер (отключите питание на 30 секунд) или обратитесь к интернет-провайдеру.

## На Mac
1. Нажмите **значок Wi-Fi** в строке меню, выключите и снова включите Wi-Fi и выберите свою сеть.
2. **Забудьте сеть** и подключитесь заново: *Системные настройки > Wi-Fi > Подробнее… > Забыть эту сеть*. Понадобится пароль.
3. Проверьте **дату и время**: *Системные настройки > Основные > Дата и время > Устанавливать автоматически*. Неверное время нарушает защищённые соединения.
4. Для проверки отключите **VPN** и защитные программы.
5. Перезагрузите Mac и установите обновления: *Системные настройки > Основные > Обновление ПО*.

## Запустите «Беспроводную диагностику»
Удерживая *Option*, нажмите значок Wi-Fi и выберите **«Открыть Беспроводную диагностику»**. Она следит за соединением и подсказывает решения, например при перегруженном канале.

## Подключено, но интернета нет?
В меню виден восклицательный знак: Mac подключён к Wi-Fi, но интернета нет. Откройте *Подробнее… > TCP/IP* и нажмите **«Продлить аренду DHCP»**; в разделе *DNS* можно указать другой DNS-сервер.

## Подключиться так и не удалось?
Обратитесь в поддержку и сообщите, видит ли Mac хоть какие-то сети. Если не видит ни одной, модуль Wi-Fi нужно проверить.""",
        ),
    },
    {
        "id": "demo-mac-slow",
        "group": "mac",
        "topic": "performance",
        "en": (
            "If your Mac is running slowly",
            """## Find out what is busy
Open **Activity Monitor** (Applications > Utilities). Click the *% CPU* column to see which app uses the processor, and the *Memory* tab to check **Memory Pressure**: red means the Mac needs more memory than it has.

## Quick fixes
1. **Quit apps** you don't need; browsers with many tabs use a lot of memory.
2. **Restart** the Mac if it hasn't been restarted for weeks.
3. Check **Login Items**: *System Settings > General > Login Items* – remove apps that don't need to start automatically.
4. **Free up disk space**: keep at least 10–15% of the disk free (*System Settings > General > Storage*). See *If your Mac's storage is full*.
5. **Update** macOS and your apps.

## Slow after an update or migration?
For a day or two macOS indexes files for Spotlight and Photos analyses your library. Leave the Mac on and connected to power.

## Heat and fans
A hot Mac slows itself down. Keep the vents free, don't use a laptop on a duvet, and check that the fans aren't clogged with dust.

## Still slow?
Run **Apple Diagnostics** (Apple silicon: hold the power button until startup options appear, then press *Command-D*; Intel: hold *D* at startup) and note the reference code. Contact support with it.""",
        ),
        "de": (
            "Wenn Ihr Mac langsam ist",
            """## Herausfinden, was ausgelastet ist
Öffnen Sie die **Aktivitätsanzeige** (Programme > Dienstprogramme). Klicken Sie auf die Spalte *% CPU*, um zu sehen, welche App den Prozessor nutzt, und öffnen Sie den Tab *Speicher*, um die **Speicherauslastung** zu prüfen: Rot bedeutet, dass der Mac mehr Arbeitsspeicher braucht, als er hat.

## Schnelle Lösungen
1. **Apps beenden**, die Sie nicht brauchen; Browser mit vielen Tabs belegen viel Speicher.
2. **Neu starten**, wenn der Mac seit Wochen nicht neu gestartet wurde.
3. **Anmeldeobjekte** prüfen: *Systemeinstellungen > Allgemein > Anmeldeobjekte* – entfernen Sie Apps, die nicht automatisch starten müssen.
4. **Speicherplatz freigeben**: Lassen Sie mindestens 10–15 % der Festplatte frei (*Systemeinstellungen > Allgemein > Speicher*). Siehe *Wenn der Speicher Ihres Mac voll ist*.
5. macOS und Ihre Apps **aktualisieren**.

## Langsam nach einem Update oder Umzug?
Ein bis zwei Tage lang indiziert macOS Dateien für Spotlight und die Fotos-App analysiert Ihre Mediathek. Lassen Sie den Mac eingeschaltet und am Strom.

## Wärme und Lüfter
Ein heißer Mac drosselt sich selbst. Halten Sie die Lüftungsschlitze frei, benutzen Sie den Laptop nicht auf der Bettdecke und prüfen Sie, ob die Lüfter verstaubt sind.

## Immer noch langsam?
Führen Sie **Apple Diagnose** aus (Apple Chip: Ein-/Aus-Taste halten, bis die Startoptionen erscheinen, dann *Befehl-D*; Intel: beim Start *D* halten) und notieren Sie den Referenzcode. Kontaktieren Sie damit den Support.""",
        ),
        "ru": (
            "Если Mac работает медленно",
            """## Узнайте, что загружает Mac
Откройте **Мониторинг системы** (Программы > Утилиты). Нажмите столбец *% ЦП*, чтобы увидеть, какое приложение нагружает процессор, и вкладку *Память*, чтобы проверить **нагрузку на память**: красный цвет означает, что Mac не хватает оперативной памяти.

## Быстрые решения
1. **Закройте ненужные приложения**; браузер с множеством вкладок занимает много памяти.
2. **Перезагрузите** Mac, если он не перезагружался неделями.
3. Проверьте **объекты входа**: *Системные настройки > Основные > Объекты входа* — уберите приложения, которым не нужно запускаться автоматически.
4. **Освободите место на диске**: оставляйте свободными не менее 10–15 % (*Системные настройки > Основные > Хранилище*). См. статью *«Если хранилище Mac заполнено»*.
5. **Обновите** macOS и приложения.

## Медленно после обновления или переноса данных?
День-два macOS индексирует файлы для Spotlight, а «Фото» анализирует медиатеку. Оставьте Mac включённым и подключённым к питанию.

## Нагрев и вентиляторы
Перегретый Mac сам снижает производительность. Не закрывайте вентиляционные отверстия, не ставьте ноутбук на одеяло и проверьте, не забиты ли вентиляторы пылью.

## По-прежнему медленно?
Запустите **Диагностику Apple** (Apple silicon: удерживайте кнопку питания до появления параметров запуска, затем нажмите *Command-D*; Intel: удерживайте *D* при включении) и запишите код результата. Обратитесь с ним в поддержку.""",
        ),
    },
    {
        "id": "demo-mac-storage-full",
        "group": "mac",
        "topic": "performance",
        "en": (
            "If your Mac's storage is full",
            """When the startup disk is almost full, the Mac slows down, apps can't save files and updates fail.

## See what takes the space
Open **System Settings > General > Storage**. The bar shows categories such as Applications, Documents, Photos and *System Data*. Click the ⓘ button next to a category to review and delete files.

## Recommendations
- **Store in iCloud**: keeps recent files on the Mac and older ones only in iCloud.
- **Optimise Storage**: removes films and TV shows you have already watched.
- **Empty Bin Automatically**: deletes items that have been in the Bin for 30 days.

## Other big space users
1. **Downloads folder**: installers and disk images (.dmg) you no longer need.
2. **Old iPhone and iPad backups**: *Storage > iOS Files*.
3. **Large files**: in *Documents*, sort by size.
4. **Mail attachments and messages** in Messages with many videos.

## About "System Data"
It contains caches, logs and local Time Machine snapshots. macOS frees much of it automatically when space is needed; a restart often reduces it. Don't delete system folders by hand.

Keep at least **10–15% free** for smooth operation and updates.""",
        ),
        "de": (
            "Wenn der Speicher Ihres Mac voll ist",
            """Ist das Startvolume fast voll, wird der Mac langsam, Apps können keine Dateien sichern und Updates schlagen fehl.

## Sehen, was Platz belegt
Öffnen Sie **Systemeinstellungen > Allgemein > Speicher**. Der Balken zeigt Kategorien wie Programme, Dokumente, Fotos und *Systemdaten*. Klicken Sie auf ⓘ neben einer Kategorie, um Dateien zu prüfen und zu löschen.

## Empfehlungen
- **In iCloud speichern**: Aktuelle Dateien bleiben auf dem Mac, ältere nur in iCloud.
- **Speicher optimieren**: Entfernt bereits angesehene Filme und Serien.
- **Papierkorb automatisch leeren**: Löscht Objekte, die seit 30 Tagen im Papierkorb liegen.

## Weitere große Platzfresser
1. **Downloads-Ordner**: Installationsprogramme und Image-Dateien (.dmg), die Sie nicht mehr brauchen.
2. **Alte iPhone- und iPad-Backups**: *Speicher > iOS-Dateien*.
3. **Große Dateien**: In *Dokumente* nach Größe sortieren.
4. **Mail-Anhänge** und Nachrichten mit vielen Videos.

## Zu „Systemdaten“
Dazu gehören Caches, Protokolle und lokale Time-Machine-Schnappschüsse. macOS gibt davon viel automatisch frei, wenn Platz gebraucht wird; ein Neustart verringert sie oft. Löschen Sie Systemordner nicht von Hand.

Lassen Sie für einen reibungslosen Betrieb und Updates mindestens **10–15 % frei**.""",
        ),
        "ru": (
            "Если хранилище Mac заполнено",
            """Когда загрузочный диск почти заполнен, Mac замедляется, приложения не могут сохранять файлы, а обновления не устанавливаются.

## Посмотрите, что занимает место
Откройте **Системные настройки > Основные > Хранилище**. Полоса показывает категории: Программы, Документы, Фото, *Системные данные*. Нажмите ⓘ рядом с категорией, чтобы просмотреть и удалить файлы.

## Рекомендации
- **Хранить в iCloud**: новые файлы остаются на Mac, старые — только в iCloud.
- **Оптимизировать хранилище**: удаляет уже просмотренные фильмы и сериалы.
- **Автоматически очищать Корзину**: удаляет объекты, пролежавшие в Корзине 30 дней.

## Что ещё занимает много места
1. **Папка «Загрузки»**: ненужные установщики и образы дисков (.dmg).
2. **Старые резервные копии iPhone и iPad**: *Хранилище > Файлы iOS*.
3. **Большие файлы**: в *Документах* отсортируйте по размеру.
4. **Вложения почты** и переписки в «Сообщениях» с множеством видео.

## Про «Системные данные»
Это кэши, журналы и локальные снимки Time Machine. macOS сама освобождает большую часть этого места, когда оно нужно; часто помогает перезагрузка. Не удаляйте системные папки вручную.

Для стабильной работы и обновлений оставляйте свободными не менее **10–15 %** диска.""",
        ),
    },
    {
        "id": "demo-watch-pairing",
        "group": "watch",
        "topic": "pairing",
        "en": (
            "If your Apple Watch won't pair with your iPhone",
            """## Before pairing
- Your iPhone needs the latest iOS, with **Bluetooth and Wi-Fi on** and an internet connection.
- Charge the watch to at least 50% and keep both devices close together.
- The watch must not be paired with another iPhone. If it shows a watch face, it is still paired: see below.

## Pair
1. Turn on the watch and hold it near the iPhone. The *Use your iPhone to set up this Apple Watch* screen appears: tap **Continue**.
2. Hold the iPhone over the animation on the watch. If the camera doesn't work, tap *Pair Manually* and follow the steps.
3. Restore from a backup or set up as new, then sign in with your account.

## If pairing fails
1. Restart both the iPhone and the watch.
2. On the iPhone, turn Airplane Mode on and off.
3. If the watch is still linked to an old pairing: on the watch, go to **Settings > General > Reset > Erase All Content and Settings**, then pair again.

## "Activation Lock"
If the watch asks for the account password of the previous owner, it is still locked to their account. Only they can remove it. See *Unpairing an Apple Watch and Activation Lock*.""",
        ),
        "de": (
            "Wenn sich Ihre Apple Watch nicht mit dem iPhone koppeln lässt",
            """## Vor dem Koppeln
- Ihr iPhone braucht das aktuelle iOS, **Bluetooth und WLAN eingeschaltet** und eine Internetverbindung.
- Laden Sie die Watch auf mindestens 50 % und halten Sie beide Geräte nah beieinander.
- Die Watch darf nicht mit einem anderen iPhone gekoppelt sein. Zeigt sie ein Zifferblatt, ist sie noch gekoppelt: siehe unten.

## Koppeln
1. Schalten Sie die Watch ein und halten Sie sie an das iPhone. Der Bildschirm *Verwende dein iPhone, um diese Apple Watch einzurichten* erscheint: Tippen Sie auf **Fortfahren**.
2. Halten Sie das iPhone über die Animation auf der Watch. Funktioniert die Kamera nicht, tippen Sie auf *Manuell koppeln* und folgen Sie den Schritten.
3. Stellen Sie ein Backup wieder her oder richten Sie die Watch neu ein und melden Sie sich mit Ihrem Account an.

## Wenn das Koppeln fehlschlägt
1. Starten Sie iPhone und Watch neu.
2. Schalten Sie am iPhone den Flugmodus ein und wieder aus.
3. Hängt die Watch noch an einer alten Kopplung: Auf der Watch **Einstellungen > Allgemein > Zurücksetzen > Alle Inhalte & Einstellungen löschen** wählen und erneut koppeln.

## „Aktivierungssperre“
Fragt die Watch nach dem Account-Passwort des Vorbesitzers, ist sie noch an dessen Account gebunden. Nur er kann die Sperre entfernen. Siehe *Apple Watch entkoppeln und Aktivierungssperre*.""",
        ),
        "ru": (
            "Если Apple Watch не создаёт пару с iPhone",
            """## Перед созданием пары
- На iPhone должна быть последняя версия iOS, **включены Bluetooth и Wi-Fi** и есть интернет.
- Зарядите часы хотя бы до 50 % и держите устройства рядом.
- Часы не должны быть в паре с другим iPhone. Если на них виден циферблат, пара ещё существует — см. ниже.

## Создание пары
1. Включите часы и поднесите их к iPhone. Появится экран *«Настройте эти Apple Watch с помощью iPhone»* — нажмите **Продолжить**.
2. Наведите камеру iPhone на анимацию на часах. Если камера не срабатывает, нажмите *«Создать пару вручную»* и следуйте инструкциям.
3. Восстановите часы из резервной копии или настройте как новые и войдите в свою учётную запись.

## Если пара не создаётся
1. Перезапустите iPhone и часы.
2. На iPhone включите и выключите авиарежим.
3. Если часы всё ещё связаны со старой парой, на часах откройте **Настройки > Основные > Сброс > Стереть контент и настройки** и создайте пару заново.

## «Блокировка активации»
Если часы просят пароль учётной записи предыдущего владельца, они всё ещё привязаны к его учётной записи. Снять блокировку может только он. См. статью *«Разрыв пары с Apple Watch и блокировка активации»*.""",
        ),
    },
    {
        "id": "demo-watch-unpair",
        "group": "watch",
        "topic": "pairing",
        "en": (
            "Unpairing an Apple Watch and Activation Lock",
            """Before you sell, give away or send an Apple Watch for repair, **unpair it**. Unpairing makes a backup on the iPhone, erases the watch and turns off Activation Lock.

## Unpair with your iPhone
1. Keep the watch and iPhone close together.
2. Open the **Watch** app on the iPhone, tap *All Watches*, then the ⓘ button next to your watch.
3. Tap **Unpair Apple Watch**. For cellular models, choose to keep or remove your mobile plan.
4. Enter your account password to turn off Activation Lock.

## Without your iPhone
On the watch: *Settings > General > Reset > Erase All Content and Settings*. This erases the watch but **does not remove Activation Lock**. Remove the device from your account in *Find My* on another device or on the web.

## Bought a used watch that is locked?
Activation Lock protects stolen devices: support **cannot remove it without proof of purchase** in your name. Ask the seller to remove the watch from their account. If that isn't possible, contact support with the original receipt.""",
        ),
        "de": (
            "Apple Watch entkoppeln und Aktivierungssperre",
            """Bevor Sie eine Apple Watch verkaufen, verschenken oder zur Reparatur einschicken, **entkoppeln Sie sie**. Dabei wird ein Backup auf dem iPhone erstellt, die Watch gelöscht und die Aktivierungssperre ausgeschaltet.

## Mit dem iPhone entkoppeln
1. Halten Sie Watch und iPhone nah beieinander.
2. Öffnen Sie die App **Watch** auf dem iPhone, tippen Sie auf *Alle Watches* und dann auf ⓘ neben Ihrer Watch.
3. Tippen Sie auf **Apple Watch entkoppeln**. Bei Cellular-Modellen wählen Sie, ob der Mobilfunktarif behalten oder entfernt wird.
4. Geben Sie Ihr Account-Passwort ein, um die Aktivierungssperre auszuschalten.

## Ohne iPhone
Auf der Watch: *Einstellungen > Allgemein > Zurücksetzen > Alle Inhalte & Einstellungen löschen*. Das löscht die Watch, **entfernt aber nicht die Aktivierungssperre**. Entfernen Sie das Gerät in *Wo ist?* auf einem anderen Gerät oder im Web aus Ihrem Account.

## Gebrauchte Watch gekauft, die gesperrt ist?
Die Aktivierungssperre schützt gestohlene Geräte: Der Support **kann sie ohne Kaufnachweis auf Ihren Namen nicht entfernen**. Bitten Sie den Verkäufer, die Watch aus seinem Account zu entfernen. Ist das nicht möglich, wenden Sie sich mit dem Originalbeleg an den Support.""",
        ),
        "ru": (
            "Разрыв пары с Apple Watch и блокировка активации",
            """Прежде чем продать, подарить или отправить Apple Watch в ремонт, **разорвите пару**. При этом на iPhone создаётся резервная копия, часы стираются, а блокировка активации отключается.

## Разрыв пары с помощью iPhone
1. Держите часы и iPhone рядом.
2. Откройте приложение **Watch** на iPhone, нажмите *«Все часы»*, затем ⓘ рядом с вашими часами.
3. Нажмите **Разорвать пару с Apple Watch**. Для моделей с сотовой связью выберите, сохранить или удалить тарифный план.
4. Введите пароль учётной записи, чтобы отключить блокировку активации.

## Без iPhone
На часах: *Настройки > Основные > Сброс > Стереть контент и настройки*. Часы будут стёрты, но **блокировка активации не снимется**. Удалите устройство из учётной записи в приложении *«Локатор»* на другом устройстве или в веб-версии.

## Купили подержанные часы, а они заблокированы?
Блокировка активации защищает украденные устройства: поддержка **не может снять её без подтверждения покупки** на ваше имя. Попросите продавца удалить часы из своей учётной записи. Если это невозможно, обратитесь в поддержку с оригиналом чека.""",
        ),
    },
    {
        "id": "demo-watch-wont-charge",
        "group": "watch",
        "topic": "battery-charging",
        "en": (
            "If your Apple Watch won't charge",
            """## Set up the charger correctly
1. Use the magnetic charging cable that came with the watch, connected to a working **wall adapter**.
2. Remove the plastic wrap from both sides of the charger if it is new.
3. Place the back of the watch on the charger: the magnets align it. A green lightning bolt on the watch face (or a red one if the battery is very low) shows that it is charging.

## Clean the contact surfaces
Skin oil, sunscreen and dirt on the back of the watch or the charger weaken the connection. Wipe both with a soft, lint-free cloth, slightly damp with fresh water.

## Force restart
Press and hold the **side button and the Digital Crown** for at least 10 seconds, until the Apple logo appears. Then put the watch back on the charger.

## Very low battery
With a fully drained battery it can take up to 30 minutes before the screen shows anything. Leave it on the charger.

## Still not charging?
Try another charger and, if possible, charge another watch on yours. Then contact support: battery service is covered by the warranty if the capacity is below 80%.""",
        ),
        "de": (
            "Wenn Ihre Apple Watch nicht lädt",
            """## Ladegerät richtig verwenden
1. Verwenden Sie das mitgelieferte magnetische Ladekabel an einem funktionierenden **Netzteil an der Steckdose**.
2. Entfernen Sie bei einem neuen Ladegerät die Schutzfolie auf beiden Seiten.
3. Legen Sie die Rückseite der Watch auf das Ladegerät: Die Magnete richten sie aus. Ein grüner Blitz auf dem Zifferblatt (oder ein roter bei sehr niedrigem Akkustand) zeigt an, dass sie lädt.

## Kontaktflächen reinigen
Hautfett, Sonnencreme und Schmutz auf der Rückseite der Watch oder auf dem Ladegerät schwächen die Verbindung. Wischen Sie beide mit einem weichen, fusselfreien, mit Leitungswasser leicht angefeuchteten Tuch ab.

## Neustart erzwingen
Halten Sie **Seitentaste und Digital Crown** mindestens 10 Sekunden gedrückt, bis das Apple-Logo erscheint. Legen Sie die Watch dann wieder auf das Ladegerät.

## Sehr niedriger Akkustand
Bei vollständig entladenem Akku kann es bis zu 30 Minuten dauern, bis etwas angezeigt wird. Lassen Sie sie auf dem Ladegerät.

## Lädt sie immer noch nicht?
Testen Sie ein anderes Ladegerät und laden Sie nach Möglichkeit eine andere Watch an Ihrem. Kontaktieren Sie dann den Support: Liegt die Kapazität unter 80 %, ist der Akkuservice durch die Garantie abgedeckt.""",
        ),
        "ru": (
            "Если Apple Watch не заряжаются",
            """## Правильно подключите зарядку
1. Используйте магнитный кабель из комплекта, подключённый к исправному **адаптеру в розетке**.
2. Если зарядное устройство новое, снимите с обеих сторон защитную плёнку.
3. Приложите часы задней стороной к зарядке — магниты выровняют их. Зелёная молния на циферблате (или красная при очень низком заряде) означает, что идёт зарядка.

## Очистите контактные поверхности
Кожный жир, солнцезащитный крем и грязь на задней стороне часов или на зарядке ухудшают контакт. Протрите обе поверхности мягкой безворсовой тканью, слегка смоченной чистой водой.

## Принудительная перезагрузка
Нажмите и удерживайте **боковую кнопку и колёсико Digital Crown** не менее 10 секунд, пока не появится логотип Apple. Затем снова положите часы на зарядку.

## Очень низкий заряд
Если аккумулятор полностью разряжен, экран может оставаться пустым до 30 минут. Не снимайте часы с зарядки.

## Всё равно не заряжаются?
Попробуйте другое зарядное устройство и, если есть возможность, зарядите на вашем другие часы. Затем обратитесь в поддержку: если ёмкость аккумулятора ниже 80 %, его обслуживание покрывается гарантией.""",
        ),
    },
    {
        "id": "demo-watch-activity",
        "group": "watch",
        "topic": "fitness",
        "en": (
            "If Apple Watch activity, workouts or heart rate seem inaccurate",
            """## Wear it correctly
The sensors need skin contact. Wear the watch **snug but comfortable**, above the wrist bone. Tighten the band for workouts and loosen it afterwards.

## Keep your personal data current
Calories and distance are estimated from your **height, weight, sex and age**. Update them in the **Watch** app on your iPhone: *Health > Health Details*.

## Calibrate distance and pace
Do an **Outdoor Walk** or **Outdoor Run** workout for 20 minutes on flat ground with good GPS reception, carrying your iPhone if your watch has no GPS. The watch learns your stride length.

## Heart rate
- Tattoos on the wrist, cold skin and fast movements (boxing, tennis) can disturb the optical sensor. For such sports, a Bluetooth chest strap gives better readings.
- Clean the back of the watch.
- Make sure *Settings > Privacy & Security > Health > Heart Rate* is on.

## Workouts not counted
Start the workout type that matches what you do; *Other* uses a general estimate. Check that *Wrist Detection* is on (*Settings > Passcode*).

## Still wrong?
Unpair and pair the watch again (your data is kept in the backup). If the heart-rate sensor shows no reading at all, contact support for a sensor check.""",
        ),
        "de": (
            "Wenn Aktivität, Trainings oder Herzfrequenz der Apple Watch ungenau sind",
            """## Richtig tragen
Die Sensoren brauchen Hautkontakt. Tragen Sie die Watch **eng, aber bequem** oberhalb des Handgelenkknochens. Ziehen Sie das Armband fürs Training fester und lockern Sie es danach.

## Persönliche Daten aktuell halten
Kalorien und Strecke werden anhand von **Größe, Gewicht, Geschlecht und Alter** geschätzt. Aktualisieren Sie diese in der App **Watch** auf dem iPhone: *Health > Health-Details*.

## Strecke und Tempo kalibrieren
Absolvieren Sie 20 Minuten lang ein Training **Gehen im Freien** oder **Laufen im Freien** auf ebenem Gelände mit gutem GPS-Empfang; hat Ihre Watch kein GPS, nehmen Sie das iPhone mit. Die Watch lernt dabei Ihre Schrittlänge.

## Herzfrequenz
- Tattoos am Handgelenk, kalte Haut und schnelle Bewegungen (Boxen, Tennis) können den optischen Sensor stören. Für solche Sportarten liefert ein Bluetooth-Brustgurt bessere Werte.
- Reinigen Sie die Rückseite der Watch.
- Prüfen Sie, dass *Einstellungen > Datenschutz & Sicherheit > Health > Herzfrequenz* aktiviert ist.

## Trainings werden nicht gezählt
Starten Sie die Trainingsart, die zu Ihrer Aktivität passt; *Andere* verwendet eine allgemeine Schätzung. Prüfen Sie, ob die *Handgelenkerkennung* aktiv ist (*Einstellungen > Code*).

## Stimmt es immer noch nicht?
Entkoppeln und koppeln Sie die Watch neu (Ihre Daten bleiben im Backup erhalten). Zeigt der Herzfrequenzsensor gar keine Werte, wenden Sie sich für eine Sensorprüfung an den Support.""",
        ),
        "ru": (
            "Если Apple Watch неточно считают активность, тренировки или пульс",
            """## Носите часы правильно
Датчикам нужен контакт с кожей. Носите часы **плотно, но удобно**, выше косточки запястья. На время тренировки затяните ремешок, а после ослабьте.

## Обновите личные данные
Калории и расстояние рассчитываются по **росту, весу, полу и возрасту**. Обновите их в приложении **Watch** на iPhone: *Здоровье > Медданные*.

## Откалибруйте расстояние и темп
Выполните тренировку **«Ходьба на улице»** или **«Бег на улице»** в течение 20 минут по ровной местности с хорошим приёмом GPS; если в часах нет GPS, возьмите с собой iPhone. Часы запомнят длину вашего шага.

## Пульс
- Татуировки на запястье, холодная кожа и резкие движения (бокс, теннис) мешают оптическому датчику. Для таких видов спорта точнее нагрудный Bluetooth-датчик.
- Протрите заднюю сторону часов.
- Убедитесь, что включено *Настройки > Конфиденциальность и безопасность > Здоровье > Пульс*.

## Тренировки не засчитываются
Выбирайте тип тренировки, соответствующий занятию; тип *«Другое»* использует общую оценку. Проверьте, что включено *«Распознавание запястья»* (*Настройки > Код-пароль*).

## Всё равно неточно?
Разорвите пару с часами и создайте её заново (данные сохранятся в резервной копии). Если датчик пульса вообще не показывает данных, обратитесь в поддержку для его проверки.""",
        ),
    },
]
