"""Imported once by the forkserver that starts the local workers.

It loads the heavy lazy singletons (the NLP model) before any worker exists, so every worker,
including the replacement of a worker that died, forks with them already loaded: start-up
costs nothing and the model's pages are shared copy-on-write instead of loaded N times.
"""

from actes.executors.task import warm_up

warm_up()
