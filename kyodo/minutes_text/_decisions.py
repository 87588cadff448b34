"""What an item's minutes say was decided: 「満場一致で承認された。」「採決の結果、賛成８名、反対１名で
可決した。」「（賛成多数で可決）」「継続審議とすることとした。」.

Only a note (a ○ line, a line in brackets, a sentence told in the past) states a decision: a
chair's 「承認することとします」 is a turn, and the import keeps the minutes as printed, so a
decision is recorded only where a line of the minutes states it (the minutes then print it once,
as that line).
"""

from __future__ import annotations

import re
import unicodedata

from .model import Decision, Item

# Checked in this order: 「継続審議とすることに決定した」 is a deferral, 「承認されなかった」 a
# rejection, 「報告を了承し、計画を承認した」 an approval.
_DEFERRED = re.compile(
    r"継続(?:審議|審査|協議|検討)|次回(?:に|へ|の(?:会議|委員会|理事会)に)?(?:持ち越|継続|延期|改めて)"
    r"|保留(?:と|に|する|した)|先送り|見送(?:り|る|った|られた)"
)
_REJECTED = re.compile(r"否決|(?:承認|可決|採択)(?:されなかった|しなかった|せず|に至らなかった)")
_APPROVED = re.compile(
    r"可決|承認|決定|採択|承諾|選任|選出(?:した|された)|原案(?:の)?(?:とおり|通り)"
)
_ACKNOWLEDGED = re.compile(r"了承")
_OUTCOMES = (
    ("deferred", _DEFERRED),
    ("rejected", _REJECTED),
    ("approved", _APPROVED),
    ("acknowledged", _ACKNOWLEDGED),
)
# 「全員異議なく」「満場一致で」「（全員賛成で可決）」: no vote against.
_UNANIMOUS = re.compile(
    r"満場一致|全会一致|全員一致|全員(?:が)?賛成|全員の賛成|異議なく|異議なし(?:で|により|と認め)"
)
_MAJORITY = re.compile(r"賛成多数|拍手多数|挙手多数|多数決|多数の賛成|過半数の賛成")
# 「（意見なし。前回会議録を承認した。）」 under another item: the minutes' approval, not the item's.
_MINUTES = re.compile(r"会議録|議事録")
_FOR = re.compile(r"賛成\s*([0-9]{1,4})\s*(?:名|票|人|件)?")
_AGAINST = re.compile(r"反対\s*([0-9]{1,4})\s*(?:名|票|人|件)?")
_ABSTAIN = re.compile(r"棄権\s*([0-9]{1,4})\s*(?:名|票|人|件)?")
# 「議案第７号は…非公開とすることを決定した」 under another item: a decision on another bill.
_BILL = re.compile(r"(?:議案|報告|諮問)第([0-9]{1,3})号|第([0-9]{1,3})号議案")
# What a decision line ends with: past (「承認した。」「可決された」) or a noun in brackets
# (「（賛成多数で可決）」); not a question nor a plan (「承認をお願いしたい」).
_NOT_STATED = re.compile(r"(?:ください|お願い|たい|ですか|ますか|か)[。]?$|予定|後日|今後")


def _count(pattern: re.Pattern[str], text: str) -> int | None:
    match = pattern.search(text)
    return int(match.group(1)) if match else None


def decision_of(text: str) -> Decision | None:
    """The decision a line states, or None: the outcome, how it was taken, the votes counted."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    if _NOT_STATED.search(text.rstrip("。）)")):
        return None
    outcome = next((outcome for outcome, pattern in _OUTCOMES if pattern.search(text)), None)
    if outcome is None:
        return None
    votes_for, votes_against = _count(_FOR, text), _count(_AGAINST, text)
    abstentions = _count(_ABSTAIN, text)
    if votes_for is not None and votes_against is not None:
        method = "unanimous" if votes_against == 0 and not abstentions else "majority"
        return Decision(outcome, method, None, votes_for, votes_against, abstentions)
    if _MAJORITY.search(text):
        method = "majority"
    elif _UNANIMOUS.search(text):
        method = "unanimous"
    else:
        method = "none"
    return Decision(outcome, method)


def read_decision(item: Item) -> Decision | None:
    """The decision the last note of ``item`` that states one gives, with that note's index as
    ``entry``; None when no note states one."""
    title_key = re.sub(r"\s+", "", unicodedata.normalize("NFKC", item.title))
    for index in range(len(item.entries) - 1, -1, -1):
        entry = item.entries[index]
        if entry.kind != "note":
            continue
        text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", entry.text))
        if any(
            int(bill.group(1) or bill.group(2)) != item.number and bill.group(0) not in title_key
            for bill in _BILL.finditer(text)
        ) or (_MINUTES.search(text) and not _MINUTES.search(title_key)):
            continue
        decision = decision_of(entry.text)
        if decision is not None:
            decision.entry = index
            return decision
    return None
