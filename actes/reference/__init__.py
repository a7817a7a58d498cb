"""Reference data the package ships, written from the published standards."""
