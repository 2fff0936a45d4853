from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Category, Program

_PROTOCOL = urlsplit(settings.SITE_URL).scheme or "https"


class DirectorySitemap(Sitemap):
    protocol = _PROTOCOL


class PageSitemap(DirectorySitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self) -> list[str]:
        return ["home", "programs:field_office_list", "programs:faq"]

    def location(self, item: str) -> str:
        return reverse(item)


class CategorySitemap(DirectorySitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Category.objects.order_by("order", "name")

    def lastmod(self, category: Category):
        return category.updated_at


class ProgramSitemap(DirectorySitemap):
    changefreq = "monthly"
    priority = 0.7

    def items(self):
        return Program.objects.published().order_by("name").only("slug", "updated_at")

    def lastmod(self, program: Program):
        return program.updated_at


SITEMAPS = {"pages": PageSitemap, "categories": CategorySitemap, "programs": ProgramSitemap}
