"""Customer-master data quality on a hand-made master with known problems."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from scm_course import crm

AS_OF = pd.Timestamp("2025-12-31")


@pytest.fixture
def master():
    """Eight records; the problems are planted and listed in the comments."""
    return pd.DataFrame({
        "customer_id": ["K1", "K2", "K3", "K4", "K5", "K6", "K7", "K8"],
        "name": ["Hengxin Electronics Co., Ltd.", "HENGXIN ELECTRONICS CO LTD",  # K1 = K2 (same phone)
                 "Blue Sea Foods", "Blue Sea Foods Co.",  # K3 = K4 (same e-mail, other case)
                 "Hengxin Electronics", "Jade Retail", None, "Star Pharma 有限公司"],
        "phone": ["+86 100 1234 5678", "+8610012345678", "+86 21 5555 0101", "+86 21 5555 0199",
                  "+86 999 0000 1111", "12-34", np.nan, "+86 (10) 8888-7777"],  # K6 too short, K7 missing
        "email": ["sales@hengxin.cn", np.nan, "ops@bluesea.cn", "OPS@BlueSea.cn",
                  "info@hengxin-group.cn", "jade.retail.cn", "x@@y.cn", "  "],  # K6 no @, K7 two @, K8 blank
        "last_updated": pd.to_datetime(["2025-06-01", "2022-05-01", "2024-01-01", "2023-12-31", "2025-12-31",
                                        "2021-01-15", "2023-12-30", None]),
    })


def test_completeness(master):
    comp = crm.completeness(master)
    assert list(comp.index) == list(master.columns)
    assert comp["missing"].to_dict() == {"customer_id": 0, "name": 1, "phone": 1, "email": 2, "last_updated": 1}
    assert comp.loc["email", "completeness"] == pytest.approx(6 / 8)  # NaN and a blank string
    assert crm.completeness(master, ["name"])["filled"].tolist() == [7]


def test_invalid_contacts(master):
    bad = crm.invalid_contacts(master)
    assert bad[["customer_id", "field", "problem"]].values.tolist() == [
        ["K6", "email", "no_at_sign"],
        ["K6", "phone", "too_few_digits"],
        ["K7", "email", "several_at_signs"],
    ]
    assert bad["value"].tolist() == ["jade.retail.cn", "12-34", "x@@y.cn"]


@pytest.mark.parametrize("email, problem", [
    ("a@b.cn", None), ("first.last+tag@sub.example.com", None), ("o'neil@x.io", None),
    ("ab.cn", "no_at_sign"), ("a@@b.cn", "several_at_signs"), ("a@b", "bad_format"), ("a b@c.cn", "bad_format"),
    ("a@b.c", "bad_format"), ("@b.cn", "bad_format"),
])
def test_email_rules(email, problem):
    m = pd.DataFrame({"customer_id": ["K"], "email": [email], "phone": [np.nan]})
    found = crm.invalid_contacts(m)["problem"].tolist()
    assert found == ([] if problem is None else [problem])


@pytest.mark.parametrize("phone, problem", [
    ("+86 100 1234 5678", None), ("010-8888 7777", None), ("(021) 5555.0101", None), ("1234567", None),
    ("123456", "too_few_digits"), ("+86 1234 5678 9012 3456", "too_many_digits"), ("86+123456789", "bad_characters"),
    ("ext. 1234567", "bad_characters"),
])
def test_phone_rules(phone, problem):
    m = pd.DataFrame({"customer_id": ["K"], "email": [np.nan], "phone": [phone]})
    found = crm.invalid_contacts(m)["problem"].tolist()
    assert found == ([] if problem is None else [problem])


def test_duplicate_groups(master):
    dups = crm.duplicate_groups(master)
    assert dups[["group", "customer_id"]].values.tolist() == [[1, "K1"], [1, "K2"], [2, "K3"], [2, "K4"]]
    assert dups["name_key"].tolist() == ["hengxinelectronics"] * 2 + ["blueseafoods"] * 2
    # K5 has the same normalised name as K1/K2 but neither their phone nor their e-mail: not a duplicate
    assert "K5" not in set(dups["customer_id"])


def test_duplicate_groups_chain_matches():
    m = pd.DataFrame({"customer_id": ["A", "B", "C", "D"],
                      "name": ["Acme Ltd", "ACME LIMITED", "Acme Co.", "Acme"],
                      "phone": ["111 2222 333", "1112222333", "999 0000 111", np.nan],
                      "email": [np.nan, "a@acme.cn", "A@ACME.CN", "d@acme.cn"]})
    dups = crm.duplicate_groups(m)
    assert dups["customer_id"].tolist() == ["A", "B", "C"]  # A-B by phone, B-C by e-mail
    assert dups["group"].tolist() == [1, 1, 1]


def test_no_duplicates_gives_an_empty_frame(master):
    unique = master.iloc[[0, 2, 5]]
    dups = crm.duplicate_groups(unique)
    assert dups.empty and list(dups.columns) == ["group", "customer_id", "name", "phone", "email", "name_key"]


def test_normalise_name():
    assert crm.normalise_name("Star Pharma 有限公司") == crm.normalise_name("STAR PHARMA") == "starpharma"
    assert crm.normalise_name("A & B Logistics Co.") == "aandblogistics"
    assert crm.normalise_name("Co., Ltd.") == "coltd"  # nothing but legal words: keep them
    assert crm.normalise_name("  ") is None and crm.normalise_name(np.nan) is None
    assert crm.normalise_phone("+86 (10) 8888-7777") == "+861088887777" and crm.normalise_phone(None) is None


def test_stale_records(master):
    stale = crm.stale_records(master, AS_OF)
    # K6 2021-01-15 (1811 days), K2 2022-05-01 (1340), K7 2023-12-30 (732 > 730); K4 2023-12-31 is exactly 731
    assert stale["customer_id"].tolist() == ["K6", "K2", "K7", "K4", "K8"]
    assert stale["age_days"].tolist()[:4] == [1811, 1340, 732, 731]
    assert stale["reason"].tolist() == ["too_old"] * 4 + ["no_update_date"]
    assert pd.isna(stale["age_days"].iloc[-1])
    assert crm.stale_records(master, AS_OF, max_age_days=731)["customer_id"].tolist() == ["K6", "K2", "K7", "K8"]


def test_stale_records_rejects_bad_input(master):
    with pytest.raises(ValueError, match="dates after as_of"):
        crm.stale_records(master, "2025-01-01")
    with pytest.raises(ValueError, match="unparseable dates 'yesterday'"):
        crm.stale_records(master.assign(last_updated="yesterday"), AS_OF)
    with pytest.raises(ValueError, match="max_age_days must be a finite number of days >= 0"):
        crm.stale_records(master, AS_OF, max_age_days=-1)
    with pytest.raises(TypeError, match="as_of must be a date"):
        crm.stale_records(master, 2025)


def test_quality_report_summary(master):
    report = crm.quality_report(master, AS_OF)
    summary = report["summary"]["records"].to_dict()
    assert summary == {"incomplete_records": 3,  # K2 e-mail, K7 name/phone, K8 e-mail blank / date
                       "malformed_email": 2, "malformed_phone": 1, "duplicate_records": 4,
                       "surplus_duplicates": 2, "stale_records": 5}
    assert report["summary"].loc["stale_records", "share"] == pytest.approx(5 / 8)
    assert set(report) == {"completeness", "invalid_contacts", "duplicates", "stale", "summary"}


def test_checks_reject_bad_masters(master):
    with pytest.raises(ValueError, match=r"missing column(\(s\))? 'email'"):
        crm.invalid_contacts(master.drop(columns="email"))
    with pytest.raises(TypeError, match="master must be a pandas DataFrame"):
        crm.completeness([1, 2])
    with pytest.raises(TypeError, match="'phone' must hold text"):
        crm.invalid_contacts(master.assign(phone=12345678))
    with pytest.raises(ValueError, match="unique, non-missing ids"):
        crm.duplicate_groups(master.assign(customer_id=["K1"] * 8))
