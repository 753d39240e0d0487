from django_tasks import task


@task()
def carry_out_retention(proposal_id: int) -> None:
    # A task imports its service here (core/tasks.py).
    from eigenkracht.privacy.retention import retention_carry_out

    retention_carry_out(proposal_id=proposal_id)
