"""French administrative vocabulary as named regex pieces: ``RE_`` sources, ``P_`` compiled."""
