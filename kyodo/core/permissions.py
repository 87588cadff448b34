"""View decorators enforcing roles: anonymous users go to the login page, wrong roles get 403.

A form sent after the session ended is kept as a draft (see :mod:`kyodo.core.sessions`) and the
person is sent to sign in; the page gives it back afterwards. Rights follow state: a committee
member whose seats have all ended no longer holds the member role (:func:`kyodo.core.roles.user_roles`).
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from kyodo.core.roles import Role, has_role


def role_required(*roles: Role):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                if request.method == "POST":
                    from kyodo.core.sessions import expired_login_redirect

                    return expired_login_redirect(request)
                return redirect_to_login(request.get_full_path())
            if not any(has_role(request.user, role) for role in roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.kyodo_roles = roles
        return wrapped

    return decorator


staff_required = role_required(Role.STAFF)
member_required = role_required(Role.MEMBER)
group_required = role_required(Role.GROUP)
