"""For tests: plain python with a default start method chosen the way procscope chooses it
(the default context, not set_start_method), so the program can still pick its own."""

import os

if os.environ.get("PLAIN_START_METHOD"):
    import multiprocessing.context as context

    method = os.environ["PLAIN_START_METHOD"]
    context._default_context._default_context = context._concrete_contexts[method]
