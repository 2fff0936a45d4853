"""State machines of records that several people work on: one table, locked methods, one error.

A model that has states (a stakeholder request, an agency's routing of a cyber report) inherits
`StateMachine` and declares:

- `TRANSITIONS`: each action and the states it may start from, the one table of what can happen;
- `refusal(action, user)`: why `user` may not take `action` now, in words for that user, or None
  (who may act, from which state, on what preconditions);
- one method per action, which calls `locked_for(action, by, seen_version)` inside
  `transaction.atomic()`, changes the locked row with `record_change(locked, ...)`, records its
  history in the same transaction, and last lets the caller's object `follow(locked, ...)`.

`allowed_actions(user)` follows from the table and the refusals; templates draw their buttons
from it, never from status strings. Every refusal is a `TransitionError`; a page older than the
record (its `version` moved on since the person saw it) is a `StaleRecord`, which explains what
happened better than the rule would.
"""

from typing import ClassVar, Self

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class TransitionError(Exception):
    """A state change that may not happen: wrong state, wrong person or missing facts."""


class StaleRecord(TransitionError):
    """The record changed between the moment the person saw it and the moment they acted."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message
            or gettext(
                "This record changed while you were working on it — reload the page and check "
                "its current state."
            )
        )


class StateMachine(models.Model):
    """A record whose `status` changes only through its transition methods (module docstring)."""

    #: Each action and the states it may start from.
    TRANSITIONS: ClassVar[dict[str, frozenset[str]]] = {}
    #: What a person is told when the record changed under them (a lazy translation).
    STALE_MESSAGE: ClassVar[str | None] = None

    version = models.PositiveIntegerField(
        default=1, help_text=_("Goes up by one at every change; spots stale pages.")
    )

    class Meta:
        abstract = True

    def refusal(self, action: str, user) -> str | None:
        """Why `user` may not take `action` now, or None when they may."""
        raise NotImplementedError

    def allowed_actions(self, user) -> list[str]:
        """The actions `user` may take from the current state, for buttons and links."""
        return [action for action in self.TRANSITIONS if self.refusal(action, user) is None]

    def stale(self) -> StaleRecord:
        return StaleRecord(str(self.STALE_MESSAGE) if self.STALE_MESSAGE else None)

    def check_allowed(self, action: str, by, seen_version: int | None = None) -> None:
        """Raise the refusal of `action` by `by` on this record as it is, which they saw at
        `seen_version` (None: at the version of this object)."""
        changed = self.version != (seen_version if seen_version is not None else self.version)
        refusal = self.refusal(action, by)
        if refusal is not None:
            # A state the person did not see explains the refusal better than the rule does.
            raise self.stale() if changed else TransitionError(refusal)
        if changed:
            raise self.stale()

    def locked_for(
        self, action: str, by, seen_version: int | None, *, related: tuple[str, ...] = ()
    ) -> Self:
        """This record's row, locked until the transaction ends, once `by` may take `action`
        on it as it is now. Must be called inside `transaction.atomic()`.

        `seen_version` is the version the person's page showed; None means the version of
        this object (loaded by the caller, typically in the same request)."""
        locked = (
            type(self)
            ._default_manager.select_for_update(of=("self",))
            .select_related(*related)
            .get(pk=self.pk)
        )
        locked.check_allowed(action, by, seen_version if seen_version is not None else self.version)
        return locked

    def record_change(self, locked: Self, **changes) -> None:
        """Write `changes` to the locked row, with a new version."""
        for field, value in changes.items():
            setattr(locked, field, value)
        locked.version += 1
        locked.save(update_fields=[*changes, "version"])

    def follow(self, locked: Self, *fields: str) -> None:
        """Let this object (the caller's) take the locked row's state and `fields`, once every
        write of the transition succeeded, so it can be used straight after the call."""
        for field in {"status", "version", *fields}:
            setattr(self, field, getattr(locked, field))
