from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kyodo.core.permissions import staff_required
from kyodo.core.views.actions import submit, submit_edit
from kyodo.website import services
from kyodo.website.forms import AccessForm, AttachmentForm, NewsForm, PageForm
from kyodo.website.models import AccessInfo, NewsPost, Page


@staff_required
def index(request):
    pages = {page.slug: page for page in Page.objects.all()}
    return render(
        request,
        "website/staff/index.html",
        {
            "pages": [(slug, label, pages.get(slug)) for slug, label in Page.Slug.choices],
            "posts": NewsPost.objects.select_related("author")[:50],
        },
    )


@staff_required
def page_edit(request, slug: str):
    if slug not in Page.Slug.values:
        return redirect("website-staff:index")
    page = Page.objects.filter(slug=slug).first() or Page(slug=slug, title=Page.Slug(slug).label)
    form = PageForm(request.POST if request.method == "POST" else None, instance=page)
    if request.method == "POST" and form.is_valid():
        submit_edit(
            form,
            services.page_update,
            obj=page,
            actor=request.user,
            slug=slug,
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
        )
        if not form.errors:
            messages.success(request, _("The page was saved."))
            return redirect("website-staff:index")
    return render(request, "website/staff/page_form.html", {"form": form, "page": page})


@staff_required
def news_edit(request, pk: int | None = None):
    post = get_object_or_404(NewsPost, pk=pk) if pk else None
    form = NewsForm(request.POST if request.method == "POST" else None, instance=post)
    if request.method == "POST" and form.is_valid():
        if post is None:
            saved = submit(form, services.news_save, actor=request.user, **form.cleaned_data)
        else:
            saved = submit_edit(
                form,
                services.news_save,
                obj=post,
                actor=request.user,
                post=post,
                **form.cleaned_data,
            )
        if not form.errors:
            messages.success(request, _("The news item was saved."))
            return redirect("website-staff:news-edit", pk=saved.pk)
    attachment_form = AttachmentForm() if post else None
    return render(
        request,
        "website/staff/news_form.html",
        {"form": form, "post": post, "attachment_form": attachment_form},
    )


@staff_required
def news_attach(request, pk: int):
    post = get_object_or_404(NewsPost, pk=pk)
    form = (
        AttachmentForm(request.POST, request.FILES)
        if request.method == "POST"
        else AttachmentForm()
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.news_attach(
                actor=request.user,
                post=post,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            messages.success(request, _("The file was attached."))
            return redirect("website-staff:news-edit", pk=post.pk)
    return render(
        request,
        "website/staff/news_form.html",
        {"form": NewsForm(instance=post), "post": post, "attachment_form": form},
        status=400 if request.method == "POST" else 200,
    )


@staff_required
def access_edit(request):
    # How to reach the center: the access page and every page's footer.
    info = AccessInfo.objects.order_by("pk").first() or AccessInfo()
    initial = {name: getattr(info, name) for name in services.ACCESS_FIELDS}
    if request.method == "POST":
        form = AccessForm(request.POST, request.FILES, initial=initial, version_of=info)
        if form.is_valid():
            data = dict(form.cleaned_data)
            submit_edit(
                form,
                services.access_update,
                obj=info,
                actor=request.user,
                map_upload=data.pop("map_image") or None,
                **data,
            )
            if not form.errors:
                messages.success(request, _("The access information was saved."))
                return redirect("website-staff:access")
    else:
        form = AccessForm(initial=initial, version_of=info)
    return render(
        request,
        "website/staff/access_form.html",
        {"form": form, "info": info},
        status=400 if form.errors else 200,
    )
