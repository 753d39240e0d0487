from django_tasks import task


@task()
def run_statement_import(statement_import_id: int) -> None:
    # A task imports its service here (core/tasks.py).
    from eigenkracht.payments.services import statement_import_run

    statement_import_run(statement_import_id=statement_import_id)
