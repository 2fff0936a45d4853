"""`{% chart chart %}`: a `leacorner.charts.Chart` as SVG with its table beside it (below it
on a narrow screen). Used by every staff dashboard; leacorner/charts.py says why it looks so."""

from django import template

from leacorner.charts import Chart

register = template.Library()


@register.inclusion_tag("includes/_chart.html")
def chart(chart: Chart) -> dict:
    return {"chart": chart}
