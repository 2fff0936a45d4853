"""GIN indexes for the directory's full-text search, on PostgreSQL only.

The indexed expressions are the weighted search vectors of `programs/search.py` (name > acronym
and other names > summary > body; question > answer), written out here so this migration does
not change when that module does. SQLite has no GIN indexes; its search path needs none.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

CONFIG = "english"


def program_vector():
    return (
        SearchVector("name", weight="A", config=CONFIG)
        + SearchVector("acronym", "aliases", weight="B", config=CONFIG)
        + SearchVector("summary", weight="C", config=CONFIG)
        + SearchVector("body", weight="D", config=CONFIG)
    )


def faq_vector():
    return SearchVector("question", weight="A", config=CONFIG) + SearchVector(
        "answer", weight="C", config=CONFIG
    )


INDEXES = [
    ("Program", program_vector, "programs_program_search"),
    ("FAQ", faq_vector, "programs_faq_search"),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, vector, name in INDEXES:
        model = apps.get_model("programs", model_name)
        schema_editor.add_index(model, GinIndex(vector(), name=name))


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, vector, name in INDEXES:
        model = apps.get_model("programs", model_name)
        schema_editor.remove_index(model, GinIndex(vector(), name=name))


class Migration(migrations.Migration):
    dependencies = [("programs", "0001_initial")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
