import subprocess
import sys

import pdfplumber
import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook


def test_report_monthly_on_the_demo_names_the_new_groups(demo, capsys):
    call_command("report", "monthly", "2010-12")
    out = capsys.readouterr().out

    assert out.startswith("# 平成22年12月 月次報告")
    assert (
        "12月の新規団体登録は「西東京風の会」と「特定非営利活動法人たま市民葬コラボ」と"
        "「西東京シネマ倶楽部」の3件。現在の登録団体数は49団体である。"
    ) in out
    assert "| 月末の登録団体数 | 49 |" in out


def test_report_monthly_writes_files(december, tmp_path):
    call_command("report", "monthly", "H22.12", "--format", "pdf", "--output", tmp_path / "r.pdf")
    with pdfplumber.open(tmp_path / "r.pdf") as pdf:
        assert "月次報告" in pdf.pages[0].extract_text()
    call_command("report", "monthly", "2010-12", "--format", "xlsx", "-o", tmp_path / "r.xlsx")
    assert load_workbook(tmp_path / "r.xlsx")["概要"]["B4"].value == 3
    call_command("report", "monthly", "2010-12", "--format", "csv", "-o", tmp_path / "r.csv")
    assert (tmp_path / "r.csv").read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["2010-13"], "13月という月はありません。"),
        (["平成31年5月"], "「平成31年5月」という年月はありません"),
        (["2010-12", "--format", "pdf"], "--output でファイル名を指定してください。"),
    ],
)
def test_bad_arguments_are_refused_in_japanese(db, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("report", "monthly", *args)


def test_a_bad_month_exits_non_zero_on_the_command_line(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "kyodo", "report", "monthly", "来月"],
        capture_output=True,
        text=True,
        env={"KYODO_VAR_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert result.returncode == 1
    assert "「来月」は年月として読み取れません。" in result.stderr
    assert result.stdout == ""
