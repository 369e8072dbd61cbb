window.YTD.tweets.part0 = [
  {
    "tweet": {
      "id_str": "1840000000000000600",
      "full_text": "Ayo ke TPS 27 November",
      "created_at": "Mon Oct 14 02:00:00 +0000 2024",
      "entities": {
        "urls": []
      },
      "lang": "in"
    }
  },
  {
    "tweet": {
      "id_str": "1840000000000000601",
      "full_text": "@akun_2 betul",
      "created_at": "Mon Oct 14 03:00:00 +0000 2024",
      "in_reply_to_status_id_str": "1840000000000000502",
      "entities": {
        "urls": []
      }
    }
  }
]