"""The editors' reference of the data format, generated from the field specs so it never lags."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from bulletin.data.model import (
    BULLETIN_FIELDS,
    CELL_FIELDS,
    CELL_KINDS,
    COMMITTEE_FIELDS,
    MEETING_FIELDS,
    MEETING_KINDS,
    ORGANIZATION_FIELDS,
    OUTLINE_FIELDS,
    RATING_LEVELS,
    Field,
)
from bulletin.data.settings import TARGETS_SOURCE, Rules, minutes_text
from bulletin.pages.context import Context
from bulletin.pages.html import esc, front_matter, table, unseen
from bulletin.text import vi
from bulletin.text.nesting import MAX_LEVELS, MAX_LIST_LEVELS

DOC = "huong-dan/dinh-dang-du-lieu.md"

_TYPES = {
    "str": "chữ",
    "markdown": "chữ (Markdown)",
    "int": "số nguyên",
    "number": "số",
    "bool": "true / false",
    "date": "ngày YYYY-MM-DD",
    "list[str]": "danh sách",
    "enum": "một trong các giá trị",
    "assignments": "mã cấp ủy viên, hoặc danh sách có thời hạn",
    "periods": "true / false, hoặc danh sách khoảng thời gian",
}


def _yaml_value(value: object) -> str:
    """A default as the editor writes it in YAML: `true`, not Python's `True`."""
    return str(value).lower() if isinstance(value, bool) else str(value)


def _fields(spec: Sequence[Field], what: str) -> str:
    rows = []
    for f in spec:
        kind = _TYPES[f.type] + (": " + ", ".join(f"<code>{c}</code>" for c in f.choices) if f.choices else "")
        need = (
            "bắt buộc"
            if f.required
            else (f"mặc định <code>{esc(_yaml_value(f.default))}</code>" if f.default not in (None, ()) else "không bắt buộc")
        )
        rows.append([f"<code>{f.name}</code>", esc(f.doc), kind, need])
    return (
        table(["Trường", "Ý nghĩa", "Kiểu", "Bắt buộc"], rows, cls="bt-format", caption=unseen(f"Các trường của {what}")) + "\n"
    )


def rule_sets_table(rules: Rules) -> str:
    ordered = sorted(rules.rule_sets, key=lambda rs: rs.start)
    rows = []
    for i, rs in enumerate(ordered):
        until = ordered[i + 1].start - dt.timedelta(days=1) if i + 1 < len(ordered) else None
        when = f"từ {vi.date(rs.start)}" + (f" đến {vi.date(until)}" if until else "")
        minutes = "; ".join(f"{MEETING_KINDS[k].lower()}: {minutes_text(lo, hi)}" for k, lo, hi in rs.minutes)
        rows.append([esc(rs.short), esc(rs.title), esc(when), esc(minutes)])
    caption = unseen("Thời gian sinh hoạt theo từng văn bản")
    return table(["Gọi tắt", "Văn bản", "Áp dụng cho cuộc họp", "Thời gian"], rows, cls="bt-format", caption=caption) + "\n"


def format_page(ctx: Context) -> str:
    themes = "".join(f"<li><code>{esc(t)}</code>: {esc(n)}</li>" for t, n in ctx.settings.themes.items())
    kinds = "".join(f"<li><code>{k}</code>: {v}</li>" for k, v in MEETING_KINDS.items())
    cell_kinds = "".join(f"<li><code>{k}</code>: {v}</li>" for k, v in CELL_KINDS.items())
    return "\n".join(
        [
            front_matter("Định dạng dữ liệu"),
            "# Định dạng dữ liệu\n",
            "Trang này được tạo tự động từ định dạng mà chương trình kiểm tra, nên luôn đúng với phiên bản đang dùng. "
            "Tên trường viết đúng như bảng; trường lạ (ví dụ gõ nhầm `presnt`) bị báo lỗi.\n",
            "## Thông tin Đảng bộ: `content/organization.yml`\n",
            _fields(ORGANIZATION_FIELDS, "tệp tổ chức"),
            "## Chi bộ: `content/cells/<mã chi bộ>.yml`\n",
            "Tên tệp là mã chi bộ, dùng trong địa chỉ trang `chi-bo/<mã chi bộ>/`: chữ thường không dấu, số và dấu gạch ngang.\n",
            _fields(CELL_FIELDS, "tệp chi bộ"),
            f"<p>Loại hình chi bộ:</p><ul>{cell_kinds}</ul>\n",
            "Chi bộ thành lập hoặc giải thể, sáp nhập giữa chừng ghi `founded` và `dissolved`. Chi bộ chỉ phải "
            "sinh hoạt thường kỳ những tháng (và sinh hoạt chuyên đề những quý) mà chi bộ tồn tại trọn vẹn và đã "
            "kết thúc: thành lập ngày 10/6/2025 thì tính từ tháng 7 và quý III; giải thể ngày 20/5/2025 thì tính "
            "tháng 1 đến tháng 4 và quý I. Ghi `active: false` mà không có `dissolved` nghĩa là đã giải thể, "
            "không rõ ngày: chi bộ được tính đến hết tháng của cuộc sinh hoạt cuối cùng.\n",
            "```yaml\nname: Chi bộ Trung tâm Dữ liệu\nkind: don-vi-su-nghiep\nsecretary: Nguyễn Văn A\n"
            "members: 9\nfounded: 2025-06-10\n```\n",
            "## Sinh hoạt: `content/meetings/<mã chi bộ>/<năm>.yml`\n",
            "Mỗi tệp là danh sách các cuộc sinh hoạt của một chi bộ trong một năm; mỗi cuộc bắt đầu bằng `- date:`.\n",
            _fields(MEETING_FIELDS, "một cuộc sinh hoạt"),
            f"<p>Hình thức sinh hoạt:</p><ul>{kinds}</ul>\n",
            "Kiểm tra thêm: ngày họp thuộc năm của tệp; dự họp + vắng có lý do + miễn sinh hoạt không vượt số đảng viên; "
            "số phát biểu không vượt số dự họp; sinh hoạt chuyên đề và kết hợp phải ghi `topic` là một đề cương có thật; "
            "ngày họp không trước ngày thành lập (`founded`) và không sau ngày giải thể (`dissolved`) của chi bộ.\n",
            "```yaml\n- date: 2026-03-05\n  kind: ket-hop\n  topic: dan-van-kheo/dan-van-kheo-trong-co-quan\n"
            "  members: 15\n  present: 14\n  excused: 1\n  duration: 125\n  speakers: 6\n```\n",
            "Với `content/committee.yml`: mỗi mục của `guests` viết dạng mã (chữ thường không dấu, gạch ngang) phải là "
            "mã một cấp ủy viên (ghi họ tên đúng như trong committee.yml, có dấu hay không dấu, cũng được tính); khách khác "
            "ghi họ tên kèm chức vụ như cũ. `joint_with`: chi bộ kia cũng phải ghi cuộc sinh hoạt "
            "cùng ngày, cùng đề cương trong tệp của mình. `online: true` ở chi bộ chưa có `online_allowed` (hoặc ngoài khoảng "
            "thời gian được phép) được nêu là điểm chưa đạt trên trang chi bộ.\n",
            "```yaml\n- date: 2026-05-06\n  kind: ket-hop\n  topic: dan-van-kheo/dan-van-kheo-trong-co-quan\n"
            "  members: 15\n  present: 15\n  duration: 125\n  speakers: 7\n  guests:\n    - tran-van-hung\n"
            "    - Ông Lê Văn C, Phó Giám đốc Sở\n  score: 92\n  model: true\n  minutes: true\n  resolution: true\n"
            "  joint_with:\n    - bao-son-ha\n```\n",
            "## Cấp ủy viên phụ trách: `content/committee.yml` (không bắt buộc)\n",
            "Danh sách cấp ủy viên được phân công theo dõi chi bộ; mỗi người bắt đầu bằng `- id:`. Khi có tệp này, "
            "`supervisor` của chi bộ và mã trong `guests` phải là mã ở đây (mã lạ bị báo lỗi, kèm gợi ý), và trang "
            "`cap-uy/` cùng số liệu lượt dự sinh hoạt được tạo. "
            "Không có tệp này, `supervisor` và `guests` là chữ tự do như trước.\n",
            _fields(COMMITTEE_FIELDS, "một cấp ủy viên"),
            "```yaml\n- id: tran-van-hung\n  name: Trần Văn Hùng\n  role: Ủy viên Ban Thường vụ Đảng ủy Khối\n```\n",
            "Phân công thay đổi theo thời gian: trong tệp chi bộ,\n",
            "```yaml\nsupervisor:\n  - member: tran-van-hung\n    to: 2026-03-31\n  - member: le-thi-mai\n"
            "    from: 2026-04-01\nonline_allowed:\n  - from: 2026-01-01\n```\n",
            "## Xếp loại chi bộ: `content/ratings/<năm>.yml` (không bắt buộc)\n",
            "Mỗi dòng `<mã chi bộ>: <mức>`, nhập sau khi kiểm điểm cuối năm. Mức xếp loại:\n",
            "<ul>" + "".join(f"<li><code>{k}</code>: {v}</li>" for k, v in RATING_LEVELS.items()) + "</ul>\n",
            "Xếp loại “xuất sắc” hoặc “tốt” cho chi bộ có tháng không sinh hoạt, quý không sinh hoạt chuyên đề hoặc tỷ lệ "
            "dự họp dưới chỉ tiêu được liệt kê ở trang *Xếp loại cần xem xét* để Ủy ban Kiểm tra xem xét.\n",
            "```yaml\nso-tu-phap: xuat-sac\nbao-son-ha: tot\nap-doan-ket: hoan-thanh\n```\n",
            "## Thời gian sinh hoạt theo từng văn bản\n",
            "Mỗi cuộc sinh hoạt được đánh giá theo văn bản có hiệu lực vào ngày họp:\n",
            rule_sets_table(ctx.settings.rules),
            "Đảng ủy có thể thêm quy định riêng (ví dụ quy định của tỉnh) trong `mkdocs.yml`, mục "
            "`rules: rule_sets:`, với ngày bắt đầu áp dụng; không cần sửa chương trình. Mỗi bộ gồm:\n",
            "- `short`: tên viết tắt, dùng trong lý do chưa đạt (ví dụ `QĐ 10`); không trùng tên bộ khác;\n"
            "- `title`: tên đầy đủ của văn bản;\n"
            "- `start`: ngày bắt đầu áp dụng (YYYY-MM-DD); không trùng ngày bắt đầu của bộ khác;\n"
            "- `minutes`: thời gian của từng hình thức (`thuong-ky`, `chuyen-de`, `ket-hop`): `min` là số phút "
            "tối thiểu, `max` (không bắt buộc) là số phút tối đa. Hình thức nào không ghi thì giữ thời gian của "
            "bộ quy định áp dụng ngay trước đó.\n",
            "```yaml\nplugins:\n  - bulletin:\n      rules:\n        rule_sets:\n          - short: QĐ 10\n"
            "            title: Quy định số 10 (ví dụ)\n            start: 2026-07-01\n"
            "            minutes: {ket-hop: {min: 150}}   # thường kỳ, chuyên đề: giữ như HD 42\n```\n",
            "Chỉ những tháng đã đến hạn (chi bộ tồn tại trọn tháng và tháng đã kết thúc) mới được đánh giá: "
            "cuộc sinh hoạt trong tháng khác vẫn được ghi và hiển thị nhưng không tính là muộn, thiếu thời gian "
            "hay dưới chỉ tiêu, và không vào tỷ lệ cả năm.\n",
            f"Tỷ lệ dự họp ≥ {vi.threshold(ctx.settings.rules.attendance_min)}%, tỷ lệ phát biểu "
            f"≥ {vi.threshold(ctx.settings.rules.speakers_min)}% và sinh hoạt thường kỳ chậm nhất ngày "
            f"{ctx.settings.rules.deadline_day} là {TARGETS_SOURCE}, không phải quy định của HD 12 hay HD 42.\n",
            "## Đề cương chuyên đề: `topics/<chủ đề>/<mã>.md`\n",
            "Phần đầu (giữa hai dòng `---`) gồm các trường dưới đây; phần sau là nội dung đề cương (Markdown). Chủ đề:\n",
            f"<ul>{themes}</ul>\n",
            _fields(OUTLINE_FIELDS, "đề cương"),
            "## Nội dung Markdown (đề cương, bản tin, ghi chú `notes`)\n",
            "Được dùng: tiêu đề `##`, **đậm**, *nghiêng*, danh sách, trích dẫn `>`, khối mã, khung ghi chú `!!! note`, "
            "liên kết `http`, `https`, `mailto` hoặc đường dẫn trong trang. Mã HTML gõ vào được hiện nguyên văn, không chạy; "
            "liên kết `javascript:`, `data:`, `vbscript:` bị bỏ địa chỉ; ảnh từ trang ngoài thành một liên kết tới ảnh "
            "(trang không tải gì từ bên ngoài); ghi chú cuộc sinh hoạt và bản in PDF chỉ giữ chữ của ảnh. "
            f"Danh sách lồng nhau tối đa {MAX_LIST_LEVELS} cấp; danh sách và trích dẫn lồng nhau cộng lại tối đa "
            f"{MAX_LEVELS} cấp (mỗi dấu `>`, mỗi dấu đầu dòng, mỗi 4 dấu cách thụt lề đầu dòng tính một cấp, "
            "kể cả trong khối mã); "
            "vượt quá thì `bulletin validate` báo lỗi kèm số dòng.\n",
            "## Bản tin: `content/bulletin/<năm>-<tháng>.md`\n",
            _fields(BULLETIN_FIELDS, "một số bản tin"),
            "## Kiểm tra khi gõ\n",
            "Thư mục `schemas/` chứa các tệp JSON Schema. Dòng đầu của mỗi tệp dữ liệu mẫu, ví dụ "
            "`# yaml-language-server: $schema=../../schemas/cell.schema.json`, "
            "giúp trình soạn thảo (VS Code có tiện ích YAML) gợi ý tên trường và báo lỗi ngay khi gõ. "
            "Lệnh `bulletin validate` kiểm tra toàn bộ dữ liệu mà không xây dựng trang.\n",
        ]
    )
