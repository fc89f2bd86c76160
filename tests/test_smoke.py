from django.urls import reverse


def test_member_sees_case_outsider_gets_404(cast, login):
    url = reverse("web:case_detail", args=[cast.case.public_id])
    assert login(cast.member).get(url).status_code == 200
    assert login(cast.outsider).get(url).status_code == 404
