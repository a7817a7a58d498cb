from actes.cli import app

app(prog_name="actes")
