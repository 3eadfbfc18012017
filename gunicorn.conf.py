"""Gunicorn settings for `make run`; production passes its own flags or config."""

import os

wsgi_app = "caselog.wsgi"
workers = int(os.environ.get("WEB_WORKERS", "1"))
threads = int(os.environ.get("WEB_THREADS", "4"))
accesslog = "-"


def post_worker_init(worker: object) -> None:
    # The encoders and the in-process vector mirror are ready before the first keystroke.
    from caselog.search.vectors import warm_up_in_background

    warm_up_in_background()
    # One process for web and background work in the embedded default (see caselog/core/embedded_worker.py).
    if os.environ.get("CASELOG_EMBEDDED_WORKER", "1").lower() in {"1", "true", "yes"}:
        from caselog.core.embedded_worker import embedded_worker_start
        from caselog.core.periodic import periodic_start

        embedded_worker_start()
        periodic_start()
