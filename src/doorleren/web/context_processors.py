from django.urls import reverse

from doorleren.web.navigation import BY_ROLE, COMMON


def navigation(request):
    user = getattr(request, "user", None)
    role = user.role if user is not None and user.is_authenticated else "anonymous"
    items = []
    path = request.path
    for name, label in [*COMMON, *BY_ROLE.get(role, [])]:
        url = reverse(name)
        items.append({"url": url, "label": label, "current": path == url})
    return {"nav_items": items}
