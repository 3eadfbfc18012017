"""Community demo data: sections per product group and language, over fifty threads in each of
ru, de and en with answers (most solved, some still unanswered), representatives, local user
groups and a flagged post.
Idempotent: everything is found again by its natural key."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Max

from caselog.accounts.models import Role, User
from caselog.community.models import Country, Reply, Report, Representative, Section, Thread, UserGroup, Vote
from caselog.community.services import thread_index
from caselog.demo.clock import member_since, rows_shift, spread_back, weeks_behind
from caselog.demo.knowledge import demo_catalogue_seed
from caselog.knowledge.models import ProductGroup

DEMO_PASSWORD = "Demo-Pass-2024"
# Threads are spread over the past weeks (clock.spread_back), each answered a few hours later.
MORE_THREADS_FROM = 100
FOLLOW_UPS_FROM = 200
ANSWER_AFTER = timedelta(hours=3)
CUSTOMERS = [
    ("anna@example.com", "Анна", "ru"),
    ("lukas@example.com", "Lukas", "de"),
    ("emma@example.com", "Emma", "en"),
    ("ivan@example.com", "Иван", "ru"),
]
SECTIONS = [(group, locale) for group in ("iphone", "mac", "account-store") for locale in ("ru", "de", "en")]

# (group, locale, asker, title, body, [(answerer, answer)], index of the accepted answer or None)
THREADS: list[tuple[str, str, str, str, str, list[tuple[str, str]], int | None]] = [
    ("iphone", "ru", "anna", "iPhone перестал заряжаться после обновления", "Кабель оригинальный, но заряд не идёт.",
     [("ivan", "Почистите разъём Lightning деревянной зубочисткой — у меня был забит пылью."),
      ("anna", "Спасибо, помогло!")], 0),
    ("iphone", "ru", "ivan", "Батарея быстро разряжается ночью", "За ночь уходит 30%.",
     [("anna", "Отключите фоновое обновление приложений в Настройках.")], 0),
    ("iphone", "ru", "anna", "Не работает Face ID после замены экрана", "Ремонт делали не в сервисе.", [], None),
    ("iphone", "de", "lukas", "iPhone lädt nicht mehr über Nacht", "Seit gestern lädt mein iPhone nicht mehr.",
     [("emma", "Probier ein anderes Kabel und reinige den Anschluss vorsichtig.")], 0),
    ("iphone", "de", "lukas", "Display flackert bei wenig Helligkeit", "Nur bei Helligkeit unter 20 %.",
     [("emma", "Schalte „Auto-Helligkeit“ kurz aus und wieder ein.")], None),
    ("iphone", "en", "emma", "iPhone battery drains overnight", "Loses about a third of its charge while idle.",
     [("lukas", "Turn off Background App Refresh for the apps you rarely use."),
      ("anna", "Also check Settings → Battery for the app that uses the most.")], 0),
    ("iphone", "en", "emma", "Camera shows a black screen", "Both front and back cameras are black.", [], None),
    ("mac", "en", "emma", "Mac won't wake from sleep", "The screen stays black after I open the lid.",
     [("lukas", "Reset the SMC: shut down, then hold Shift-Control-Option and the power button for 10 seconds.")], 0),
    ("mac", "de", "lukas", "Mac startet nach Update nicht", "Nur ein Apfel und ein Ladebalken.",
     [("emma", "Starte im Wiederherstellungsmodus und installiere macOS neu — deine Daten bleiben erhalten.")], None),
    ("account-store", "en", "emma", "Charged twice for the same app", "Two identical charges on my card.",
     [("lukas", "One of them is usually a pending authorisation that disappears after a few days.")], 0),
    ("account-store", "ru", "ivan", "Как отменить подписку", "Не могу найти, где отключить продление.",
     [("anna", "Настройки → ваше имя → Подписки → выберите подписку → Отменить.")], 0),
    ("account-store", "de", "lukas", "Passwort vergessen, keine Bestätigungs-E-Mail", "Die E-Mail kommt nicht an.", [], None),
]  # fmt: skip


# More everyday questions per language, so that each community feels lived in:
# (group, locale, asker, title, body, answerer, answer, accepted?)
MORE_THREADS: list[tuple[str, str, str, str, str, str, str, bool]] = [
    ("iphone", "ru", "ivan", "Не приходят уведомления из мессенджеров", "Только когда открываю приложение.", "anna", "Проверьте режим «Фокусирование» и фоновое обновление.", True),
    ("iphone", "ru", "anna", "Как перенести фото на компьютер", "Фото много, iCloud заполнен.", "ivan", "Подключите кабелем и импортируйте через «Фото» или «Проводник».", True),
    ("iphone", "ru", "ivan", "Телефон греется при зарядке", "Корпус горячий у камеры.", "anna", "Снимите чехол и не пользуйтесь телефоном во время зарядки.", False),
    ("iphone", "ru", "anna", "Пропал звук в динамике", "В наушниках звук есть.", "ivan", "Проверьте переключатель беззвучного режима и громкость звонка.", True),
    ("iphone", "ru", "ivan", "Не работает Wi-Fi после обновления", "Сеть видна, но не подключается.", "anna", "Сбросьте настройки сети: Настройки → Основные → Перенос или сброс.", True),
    ("mac", "ru", "anna", "MacBook не видит внешний монитор", "Подключаю через адаптер USB-C.", "ivan", "Попробуйте другой адаптер: не все поддерживают видеосигнал.", True),
    ("mac", "ru", "ivan", "Вентилятор шумит без нагрузки", "Открыт только браузер.", "anna", "Посмотрите в «Мониторинге системы», какой процесс грузит процессор.", False),
    ("mac", "ru", "anna", "Как освободить место на диске", "Осталось 5 ГБ.", "ivan", "Меню Apple → Об этом Mac → Хранилище → Управлять.", True),
    ("account-store", "ru", "ivan", "Списали деньги за пробный период", "Думал, что он бесплатный.", "anna", "Пробный период продлевается автоматически — отмените подписку за сутки до конца.", True),
    ("account-store", "ru", "anna", "Не могу сменить регион в App Store", "Пишет, что есть активные подписки.", "ivan", "Сначала дождитесь окончания всех подписок и потратьте остаток на счёте.", True),
    ("account-store", "ru", "ivan", "Как вернуть деньги за приложение", "Купил по ошибке.", "anna", "Подайте запрос на возврат в течение 14 дней на странице покупок.", True),
    ("iphone", "ru", "anna", "Экран не реагирует на касания", "Только в нижней части.", "ivan", "Снимите защитное стекло — иногда дело в нём.", False),
    ("iphone", "ru", "ivan", "Как включить процент заряда", "Хочу видеть цифры.", "anna", "Настройки → Аккумулятор → Заряд в процентах.", True),
    ("iphone", "de", "lukas", "Benachrichtigungen kommen verspätet", "Erst wenn ich die App öffne.", "emma", "Prüfe den Fokus-Modus und die Hintergrundaktualisierung.", True),
    ("iphone", "de", "lukas", "Fotos auf den PC übertragen", "iCloud ist voll.", "emma", "Per Kabel verbinden und mit der Fotos-App importieren.", True),
    ("iphone", "de", "lukas", "iPhone wird beim Laden heiß", "Besonders bei der Kamera.", "emma", "Hülle abnehmen und beim Laden nicht spielen.", False),
    ("iphone", "de", "lukas", "Kein Ton aus dem Lautsprecher", "Mit Kopfhörern geht es.", "emma", "Stummschalter und Klingellautstärke prüfen.", True),
    ("iphone", "de", "lukas", "WLAN verbindet nach Update nicht", "Netz wird angezeigt.", "emma", "Netzwerkeinstellungen zurücksetzen.", True),
    ("mac", "de", "lukas", "Externer Monitor wird nicht erkannt", "Über USB-C-Adapter.", "emma", "Anderen Adapter probieren: nicht jeder überträgt Bild.", True),
    ("mac", "de", "lukas", "Lüfter laut ohne Last", "Nur der Browser ist offen.", "emma", "In der Aktivitätsanzeige den Prozess mit hoher CPU-Last suchen.", False),
    ("mac", "de", "lukas", "Speicherplatz freigeben", "Nur noch 5 GB frei.", "emma", "Apple-Menü → Über diesen Mac → Speicher → Verwalten.", True),
    ("account-store", "de", "lukas", "Abbuchung nach Probeabo", "Dachte, es ist kostenlos.", "emma", "Probeabos verlängern sich automatisch — einen Tag vorher kündigen.", True),
    ("account-store", "de", "lukas", "Land im App Store ändern", "Es heißt, ich habe aktive Abos.", "emma", "Erst alle Abos auslaufen lassen und das Guthaben aufbrauchen.", True),
    ("account-store", "de", "lukas", "Geld für eine App zurück", "Aus Versehen gekauft.", "emma", "Innerhalb von 14 Tagen auf der Käufe-Seite eine Erstattung anfragen.", True),
    ("iphone", "de", "lukas", "Display reagiert unten nicht", "Nur im unteren Bereich.", "emma", "Schutzglas abnehmen — oft liegt es daran.", False),
    ("iphone", "de", "lukas", "Akkustand in Prozent anzeigen", "Ich will die Zahl sehen.", "emma", "Einstellungen → Batterie → Batterieladung in Prozent.", True),
    ("iphone", "en", "emma", "Notifications arrive late", "Only when I open the app.", "lukas", "Check Focus mode and Background App Refresh.", True),
    ("iphone", "en", "emma", "Move photos to my PC", "iCloud is full.", "lukas", "Connect with a cable and import with the Photos app.", True),
    ("iphone", "en", "emma", "iPhone gets hot while charging", "Mostly near the camera.", "lukas", "Take the case off and don't play games while it charges.", False),
    ("iphone", "en", "emma", "No sound from the speaker", "Headphones work fine.", "lukas", "Check the silent switch and the ringer volume.", True),
    ("iphone", "en", "emma", "Wi-Fi won't connect after the update", "The network shows up.", "lukas", "Reset network settings.", True),
    ("mac", "en", "emma", "External display not detected", "Through a USB-C adapter.", "lukas", "Try another adapter: not all of them carry video.", True),
    ("mac", "en", "emma", "Fan is loud while idle", "Only the browser is open.", "lukas", "Look in Activity Monitor for the process using the CPU.", False),
    ("mac", "en", "emma", "How do I free up disk space", "Only 5 GB left.", "lukas", "Apple menu → About This Mac → Storage → Manage.", True),
    ("account-store", "en", "emma", "Charged after a free trial", "I thought it was free.", "lukas", "Trials renew automatically — cancel a day before they end.", True),
    ("account-store", "en", "emma", "Can't change my App Store country", "It says I have active subscriptions.", "lukas", "Let every subscription run out and spend the remaining balance first.", True),
    ("account-store", "en", "emma", "Refund for an app bought by mistake", "Tapped buy by accident.", "lukas", "Ask for a refund within 14 days on the purchases page.", True),
    ("iphone", "en", "emma", "Bottom of the screen ignores taps", "Only the lower part.", "lukas", "Remove the screen protector — it is often the cause.", False),
    ("iphone", "en", "emma", "Show battery percentage", "I want to see the number.", "lukas", "Settings → Battery → Battery Percentage.", True),
]  # fmt: skip

# (name, country, city, description, meeting place, contact)
USER_GROUPS: list[tuple[str, str, str, str, str, str]] = [
    ("Московский клуб пользователей Mac", Country.RUSSIA, "Москва", "Раз в месяц разбираем вопросы и делимся советами.", "Библиотека им. Некрасова, Бауманская ул., 58", "mac-club@example.ru"),
    ("iPhone-сообщество Санкт-Петербурга", Country.RUSSIA, "Санкт-Петербург", "Встречи для новичков и опытных пользователей.", "Коворкинг «Точка», Невский пр., 20", "https://spb-iphone.example.ru"),
    ("Алматы: пользователи Apple", Country.KAZAKHSTAN, "Алматы", "Помогаем с настройкой устройств.", "Кафе «Кітап», пр. Абая, 10", "almaty-users@example.kz"),
    ("Berliner Mac-Stammtisch", Country.GERMANY, "Berlin", "Jeden ersten Dienstag: Fragen, Tipps und Kaffee.", "Café Mitte, Rosenthaler Str. 3", "stammtisch@example.de"),
    ("iPhone-Treff München", Country.GERMANY, "München", "Fotografie mit dem iPhone und Fragen rund ums Gerät.", "Stadtbibliothek am Gasteig", "https://iphone-treff.example.de"),
    ("Mac-Usergroup Wien", Country.AUSTRIA, "Wien", "Vorträge und Hilfe untereinander.", "Café Central, Herrengasse 14", "wien@example.at"),
    ("London Mac Users", Country.UNITED_KINGDOM, "London", "Monthly meet-ups with short talks and a help desk.", "The British Library, Euston Road", "https://london-mac.example.org"),
    ("Cork Apple Users", Country.IRELAND, "Cork", "Friendly help for beginners every second Saturday.", "Cork City Library, Grand Parade", "cork-users@example.ie"),
    ("Austin iPhone Meetup", Country.UNITED_STATES, "Austin", "Tips, tricks and repairs advice.", "Austin Central Library", "https://austin-iphone.example.com"),
]  # fmt: skip

REPRESENTATIVES = [
    ("agent-ru@example.com", "Служба поддержки"),
    ("agent-de@example.com", "Kundensupport"),
    ("agent-en@example.com", "Customer support"),
]


# Others ask the same on their own model: each further question gets a follow-up per model,
# the first solved with the same answer, the second answered, the third still unanswered.
FOLLOW_UP_MODELS = {
    "iphone": ["iPhone 13", "iPhone 14", "iPhone 15"],
    "mac": ["MacBook Air M1", "MacBook Pro 14", "iMac 24"],
    "account-store": ["iPad", "Apple TV", "Mac"],
}
FOLLOW_UP_BODY = {
    "ru": "У меня то же самое на {model}.",
    "de": "Bei mir das Gleiche mit dem {model}.",
    "en": "Same here on my {model}.",
}


def _follow_ups(people: dict[str, User], sections: dict[tuple[str, str], Section]) -> int:
    created = 0
    for position, (group_slug, locale, asker, title, _body, answerer, answer, _accepted) in enumerate(MORE_THREADS):
        section = sections[(group_slug, locale)]
        for number, model in enumerate(FOLLOW_UP_MODELS[group_slug]):
            follow_up_title = f"{title} — {model}"
            if Thread.objects.filter(section=section, title=follow_up_title).exists():
                continue
            # The one who answered the first time asks now, and the first asker answers.
            asked_at = spread_back(FOLLOW_UPS_FROM + position * len(FOLLOW_UP_MODELS[group_slug]) + number)
            thread = Thread.objects.create(
                section=section,
                author=people[answerer],
                title=follow_up_title,
                body=FOLLOW_UP_BODY[locale].format(model=model),
                created_at=asked_at,
                last_activity_at=asked_at,
            )
            if number < 2:
                reply = Reply.objects.create(
                    thread=thread, author=people[asker], body=answer, created_at=asked_at + ANSWER_AFTER
                )
                thread.reply_count = 1
                thread.last_activity_at = reply.created_at
                if number == 0:
                    thread.accepted_reply = reply
                    thread.accepted_at = reply.created_at
                thread.save(update_fields=["reply_count", "last_activity_at", "accepted_reply", "accepted_at"])
            thread_index(thread=thread)
            created += 1
    return created


def _extras(people: dict[str, User], sections: dict[tuple[str, str], Section]) -> int:
    """Representatives, user groups, more threads, a few votes and a flagged post."""
    for email, title in REPRESENTATIVES:
        agent = User.objects.filter(email=email).first()
        if agent is not None:
            Representative.objects.get_or_create(user=agent, defaults={"title": title})
    for name, country, city, description, place, contact in USER_GROUPS:
        UserGroup.objects.get_or_create(
            name=name,
            defaults={
                "country": country,
                "city": city,
                "description": description,
                "meeting_place": place,
                "contact": contact,
            },
        )
    created = 0
    for position, (group_slug, locale, asker, title, body, answerer, answer, accepted) in enumerate(MORE_THREADS):
        section = sections[(group_slug, locale)]
        if Thread.objects.filter(section=section, title=title).exists():
            continue
        asked_at = spread_back(MORE_THREADS_FROM + position)
        thread = Thread.objects.create(
            section=section,
            author=people[asker],
            title=title,
            body=body,
            created_at=asked_at,
            last_activity_at=asked_at,
        )
        reply = Reply.objects.create(
            thread=thread, author=people[answerer], body=answer, score=1, created_at=asked_at + ANSWER_AFTER
        )
        Vote.objects.create(user=people[asker], reply=reply)
        thread.reply_count = 1
        thread.last_activity_at = reply.created_at
        if accepted:
            thread.accepted_reply = reply
            thread.accepted_at = reply.created_at
        thread.save(update_fields=["reply_count", "last_activity_at", "accepted_reply", "accepted_at"])
        thread_index(thread=thread)
        created += 1
    created += _follow_ups(people, sections)
    flagged = Reply.objects.filter(thread__section__locale="en").order_by("pk").first()
    if flagged is not None and not Report.objects.exists():
        Report.objects.create(
            reporter=people["emma"], thread=flagged.thread, reply=flagged, reason="Looks like an advert to me."
        )
    return created


def _customer(email: str, first: str, locale: str) -> User:
    user, created = User.objects.get_or_create(
        email=email, defaults={"username": email.split("@")[0], "first_name": first, "locale": locale}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.date_joined = member_since(email)
        user.save(update_fields=["password", "date_joined"])
    user.groups.add(*Group.objects.filter(name=Role.CUSTOMER.value))
    return user


def demo_community_seed() -> int:
    """Create the demo community; returns how many threads were created (0 on a second run)."""
    created = 0
    with transaction.atomic():
        demo_catalogue_seed()
        people = {email.split("@")[0]: _customer(email, first, locale) for email, first, locale in CUSTOMERS}
        groups = {group.slug: group for group in ProductGroup.objects.filter(slug__in={g for g, _ in SECTIONS})}
        sections: dict[tuple[str, str], Section] = {}
        for position, (group_slug, locale) in enumerate(SECTIONS):
            sections[(group_slug, locale)], _new = Section.objects.get_or_create(
                product_group=groups[group_slug],
                topic=None,
                locale=locale,
                defaults={"slug": f"{group_slug}-{locale}", "position": position},
            )
        for position, (group_slug, locale, asker, title, body, answers, accepted) in enumerate(THREADS):
            section = sections[(group_slug, locale)]
            if Thread.objects.filter(section=section, title=title).exists():
                continue
            asked_at = spread_back(position)
            thread = Thread.objects.create(
                section=section,
                author=people[asker],
                title=title,
                body=body,
                created_at=asked_at,
                last_activity_at=asked_at,
            )
            replies = [
                Reply.objects.create(
                    thread=thread, author=people[who], body=text, created_at=asked_at + ANSWER_AFTER * (number + 1)
                )
                for number, (who, text) in enumerate(answers)
            ]
            thread.reply_count = len(replies)
            thread.score = len(replies)
            if replies:
                thread.last_activity_at = replies[-1].created_at
            if accepted is not None:
                thread.accepted_reply = replies[accepted]
                thread.accepted_at = replies[accepted].created_at
            thread.save(update_fields=["reply_count", "score", "last_activity_at", "accepted_reply", "accepted_at"])
            thread_index(thread=thread)
            created += 1
        created += _extras(people, sections)
        _keep_current(list(people.values()))
    return created


def _keep_current(people: list[User]) -> int:
    """On a run weeks after the first, move the demo threads and their replies forward by whole
    weeks so the newest is less than a week old (threads posted since stay where they are)."""
    latest = Thread.objects.filter(author__in=people).aggregate(latest=Max("created_at"))["latest"]
    if latest is None:
        return 0
    delta = weeks_behind(latest)
    threads = Thread.objects.filter(created_at__lte=latest)
    rows_shift(Reply.objects.filter(thread__in=threads), delta)
    return rows_shift(threads, delta)
