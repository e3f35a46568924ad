"""The one task on the queue (django-tasks): run a ``Job`` by its id. Every kind of background work
goes through it, so the queue row only holds the job's id (docs/tasks.md)."""

from django_tasks import task


@task()
def job_run(job_id: int) -> dict:
    from doorleren.tasks.services.runner import job_execute

    return job_execute(job_id=job_id)
