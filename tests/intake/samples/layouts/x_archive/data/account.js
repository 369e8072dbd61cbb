window.YTD.account.part0 = [
  {
    "account": {
      "email": "contoh@example.org",
      "username": "akun_arsip",
      "accountId": "109",
      "accountDisplayName": "Akun Arsip"
    }
  }
]