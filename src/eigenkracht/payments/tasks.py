from django_tasks import task


@task()
def run_statement_import(statement_import_id: int) -> None:
    from eigenkracht.payments.services import statement_import_run

    statement_import_run(statement_import_id=statement_import_id)
