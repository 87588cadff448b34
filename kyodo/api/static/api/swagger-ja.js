/* Swagger UI in Japanese. Swagger UI has no translations of its own, so the words it writes
   (buttons, headings, column names) are replaced as it renders them. Only whole texts found in
   WORDS are replaced, and never inside examples, schemas or responses (code, pre, inputs), so
   what a program reads is shown as it is. Loaded before swagger-ui-init.js, as a file: the
   site's Content-Security-Policy allows no inline script. */
(function () {
  "use strict";
  var WORDS = {
    "Try it out": "試してみる",
    "Execute": "実行",
    "Cancel": "やめる",
    "Clear": "消去",
    "Reset": "元に戻す",
    "Parameters": "パラメーター",
    "No parameters": "パラメーターはありません",
    "Name": "名前",
    "Description": "説明",
    "Responses": "レスポンス",
    "Code": "ステータス",
    "Links": "リンク",
    "No links": "リンクなし",
    "Media type": "メディアタイプ",
    "Media Type": "メディアタイプ",
    // 「Controls <code>Accept</code> header.」: the header's name stays, in its <code>.
    "Controls": "",
    "header.": "ヘッダーを指定します。",
    "Example Value": "例",
    "Example": "例",
    "Examples": "例",
    "Schema": "スキーマ",
    "Schemas": "スキーマ一覧",
    "Request URL": "リクエストURL",
    "Request duration": "処理時間",
    "Server response": "サーバーの応答",
    "Response body": "レスポンス本文",
    "Response headers": "レスポンスヘッダー",
    "Details": "詳細",
    "Download": "ダウンロード",
    "Curl": "curl コマンド",
    "Undocumented": "説明なし",
    "Default value": "既定値",
    "Available values": "指定できる値",
    "Send empty value": "空の値を送る",
    "Edit Value": "値を編集",
    "Expand all": "すべて開く",
    "Collapse all": "すべて閉じる",
    "Filter by tag": "タグで絞り込む",
    "Loading...": "読み込んでいます…",
    "Failed to load API definition.": "APIの定義を読み込めませんでした。",
    "Fetch error": "読み込みエラー",
    "required": "必須",
    "deprecated": "非推奨",
    "Callbacks": "コールバック",
    "No callbacks": "コールバックなし",
    "Hide": "隠す",
    "Show": "表示",
    "Request body": "リクエスト本文",
    "OK": "成功",
    "Not Found": "見つからない",
    "Method Not Allowed": "できない操作",
    "Unprocessable Content": "指定の誤り",
    "Unprocessable Entity": "指定の誤り",
    // The contact's link, 「<name> - Website」: React writes the name and the rest apart.
    "- Website": "のウェブサイト"
  };
  var ATTRIBUTES = {
    "Copy to clipboard": "クリップボードにコピー",
    "Collapse operation": "閉じる",
    "Expand operation": "開く",
    "Media Type": "メディアタイプ",
    "Try it out": "試してみる"
  };
  // What the API returns and what a program reads stays as it is.
  var KEEP = "pre, code, textarea, input, select, .microlight, .model-box, .model, " +
    ".opblock-summary-path, .opblock-summary-method, .parameter__name, .parameter__type, " +
    ".response-col_status:not(.col_header), .prop-type, .info .url";

  function translateText(node) {
    var text = node.nodeValue;
    var word = text.trim();
    if (!word || !Object.prototype.hasOwnProperty.call(WORDS, word)) return;
    var parent = node.parentElement;
    if (!parent || parent.closest(KEEP)) return;
    node.nodeValue = text.replace(word, WORDS[word]);
  }

  function translateAttributes(element) {
    ["title", "aria-label"].forEach(function (name) {
      var value = element.getAttribute(name);
      if (value && Object.prototype.hasOwnProperty.call(ATTRIBUTES, value)) {
        element.setAttribute(name, ATTRIBUTES[value]);
      }
    });
  }

  function translate(root) {
    if (root.nodeType === Node.TEXT_NODE) {
      translateText(root);
      return;
    }
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    translateAttributes(root);
    root.querySelectorAll("[title], [aria-label]").forEach(translateAttributes);
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var node;
    while ((node = walker.nextNode())) translateText(node);
  }

  function start() {
    var target = document.getElementById("swagger-ui");
    if (!target) return;
    new MutationObserver(function (mutations) {
      mutations.forEach(function (mutation) {
        if (mutation.type === "characterData") translateText(mutation.target);
        else if (mutation.type === "attributes") translateAttributes(mutation.target);
        else mutation.addedNodes.forEach(translate);
      });
    }).observe(target, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: ["title", "aria-label"]
    });
    translate(target);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
