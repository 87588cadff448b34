from django.contrib import admin

from kyodo.committees.models import Committee, Member, Membership, SecretariatMember

admin.site.register(Committee)
admin.site.register(Member)
admin.site.register(Membership)
admin.site.register(SecretariatMember)
