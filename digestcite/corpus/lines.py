"""What a line of a page is, before it is part of an item: furniture (navigation, share bars,
mail headers, copyright), a caption, a tags line, a curator's comment, or a headline.

Used by the splitter (corpus/digest) on every block; nothing here knows about records.
"""

from __future__ import annotations

import re

from digestcite.corpus.claims import sentence_spans

# --- boilerplate -----------------------------------------------------------------------

BOILERPLATE = re.compile(
    r"^(?:skip to (?:main )?content|skip navigation|main menu|menu|navigation|home|search|search for:?|"
    r"share(?: this)?(?: (?:article|story|page|post))?:?|print(?: this)?(?: (?:article|page))?|e-?mail|tweet|"
    r"facebook|twitter|whatsapp|linkedin|telegram|weibo|wechat|advertisement|advertising|sponsored(?: content)?|ad|"
    r"back to top|top|next(?: page| article| story)?|previous(?: page| article| story)?|prev|"
    r"page \d+(?: of \d+)?|\d+\s*/\s*\d+|read more|continue reading|sign in|log ?in|register|subscribe(?: now)?|"
    r"newsletter|all rights reserved\.?|comments?|leave a comment|(?:\d+ )?comments?|font size:?|a\s?a\s?a|"
    r"loading\.*|close|open|toggle navigation|listen(?: to this article)?|audio|video|more|view more|"
    r"editor'?s picks?|most (?:popular|read|viewed)|trending|recommended|you may (?:also )?like|"
    r"(?:©|\(c\)|copyright)\b.*|.*\ball rights reserved\b.*|[\W_]+)$",
    re.I,
)
RELATED_HEADING = re.compile(
    r"^(?:related(?: (?:articles?|stories|news|posts|reading|coverage|links))?|see also|further reading|"
    r"more (?:on|from|about) .{1,40}|read also|also read|recommended reading|相关(?:新闻|阅读|文章)|延伸阅读)\s*:?$",
    re.I,
)
BREADCRUMB = re.compile(
    r"^(?:(?:home|首页|you are here:?)\s*(?:>|»|›|/|\|).*|[^.!?]{1,30}(?:\s+(?:>|»|›|/|\|)\s+[^.!?>»›/|]{1,30}){2,})$", re.I
)
TAGS_LINE = re.compile(r"^(?:tags?|keywords?|topics?|categories|category|标签|关键词)\s*[:：]\s*(?P<tags>.+)$", re.I)

# --- captions --------------------------------------------------------------------------

CAPTION_START = re.compile(
    r"^(?:photo|photos|image|images|picture|pictures|photograph|caption|credit|file photo|screenshot|"
    r"video screenshot|illustration|图片?|照片|截图|圖片?)\b\s*(?:[:：(\-—|]|source|credit|by|courtesy)",
    re.I,
)
CAPTION_CREDIT = re.compile(
    r"\((?:photo|image|picture|screenshot|file photo|illustration|图片|图)\b[^)]*\)\s*\.?$"
    # ("Aly Song/Reuters" credits a photograph; "(Bloomberg/Reuters, 10 Jan)" credits a story)
    r"|\b(?:getty images|afp via getty|/afp|/reuters|/ap photo|ap photo/|reuters/|epa-efe|shutterstock|"
    r"via getty|photo credit|photo by|image credit|screenshot (?:from|of|via))\b(?!\s*[,;]\s*(?:\d|[A-Z][a-z]{2,8}\.?\s+\d))"
    r"|[（(](?:图片来源|圖片來源|图源|摄影)[^)）]*[)）]\s*$",
    re.I,
)



# --- furniture -------------------------------------------------------------------------------

# A news database's export fields that describe the copy, not the story: "Length: 524 words",
# "Load-Date: June 17, 2024" (when the database stored it, not when the story ran), "Job Number: …",
# "Search Terms: …", "Body", "End of Document".
EXPORT_FIELD = re.compile(
    r"^(?:(?:length|word count)\s*:\s*[\d,.]+\s*words?|load-date\s*:.*|job number\s*:.*|client/matter\s*:.*|"
    r"search (?:terms|type)\s*:.*|narrowed by\s*:.*|prepared for\s*:.*|date and time\s*:.*|documents?\s*\(\d+\)|body|"
    r"end of document|copyright \d{4} .{0,120}all rights reserved\.?|"
    # a chat app's export header: when it was saved, the range, the group (WeChat, LINE)
    r"(?:导出|導出|匯出|汇出|儲存|储存|保存)(?:时间|時間|日期|范围|範圍)\s*[:：].*|(?:群聊|群組|群组|聊天对象|聊天對象)\s*[:：].{1,60})$", re.I)
FURNITURE_LINE = re.compile(
    r"^(?:view (?:this email |it )?in (?:your )?browser|view online|web version|open in browser|having trouble viewing.*|"
    r"unsubscribe.*|manage (?:your )?(?:preferences|subscription).*|update your preferences.*|forward (?:this )?to a friend.*|"
    # a mailing list's digest preamble (Mailman, LISTSERV)
    r"send .{1,60} mailing list submissions to.*|to subscribe or unsubscribe .{0,80}|you can reach the person managing the list.*|"
    r"when replying, please edit your subject line.*|than \"re: contents of .{0,60}|today's topics:?|topics of the day:?|"
    r"end of .{1,60} digest.*|"
    r"you (?:are )?receiv(?:ing|ed) this (?:e-?mail|newsletter|message).*|sign up.{0,40}|subscribe (?:here|to .{1,40}|now)?.{0,20}|"
    r"privacy (?:policy|notice)|terms (?:of (?:use|service)|and conditions)|cookie (?:policy|settings|preferences)|"
    r"(?:we|this (?:site|website)) uses? cookies.*|accept(?: all)?(?: cookies)?|reject(?: all)?|got it|"
    r"follow us(?: on .{1,40})?|share (?:on|via) .{1,30}|copy link|print|download (?:pdf|the app)|"
    r"(?:was )?this (?:article|newsletter|e-?mail) (?:forwarded|useful).*|click here.{0,60}|"
    r"分享到.{0,30}|扫一扫.{0,30}|打印本页|关闭窗口|关注我们.{0,20}|返回顶部|点击(?:查看|阅读).{0,20}|阅读原文|閱讀原文|"
    r"上一篇.{0,60}|下一篇.{0,60}|免责声明.*|免責聲明.*|版权(?:所有|声明).*|版權(?:所有|聲明).*|"
    r"(?:私隱|隐私|隱私)(?:政策|聲明|声明)|使用(?:條款|条款)|(?:联系|聯絡|聯繫)我(?:们|們)|(?:关于|關於)我(?:们|們)|"
    r"read (?:the )?(?:full )?(?:story|article|piece|report|post|rest)\W{0,3}|(?:full|whole) (?:story|article)\W{0,3}|"
    r"阅读全文|閱讀全文|查看原文|点击阅读|點擊閱讀|"
    r"(?:to|cc|bcc|sent|subject|reply-to|from)\s*:\s*.{0,200}(?:@|<|\bfw\b|\bfwd?\b|\bre\b).*|(?:to|cc|bcc|sent|subject)\s*:.*|"
    r"-{2,}\s*(?:original message|forwarded message)\s*-{2,}|begin forwarded message:?|"
    # an alert e-mail's links under each result and at its foot (Google Alerts, in English and French)
    r"(?:(?:facebook|twitter|x|linkedin|whatsapp|e-?mail|partager|share)\s+)*(?:flag as irrelevant|signaler comme non pertinent)|"
    r"(?:see more results|afficher plus de résultats|edit this alert|modifier cette alerte|see all your alerts|"
    r"afficher toutes vos alertes|se désabonner|désabonnement)(?:\s*\|\s*.{0,60})?|"
    r"(?:get this update as an rss feed|recevoir cette alerte sous forme de flux rss).{0,20}|"
    # a chat service's digest e-mail (Teams, Slack)
    r"your teammates are trying to reach you.{0,40}|open in (?:microsoft )?(?:teams|slack)|view (?:in|on) (?:teams|slack)|"
    r"(?:see|view) (?:all )?(?:\d+ )?(?:more )?(?:messages|replies|activity).{0,30})$",
    re.I,
)


# A curator's comment on the item above it, never an item of its own.
COMMENT = re.compile(
    r"^\s*(?:\*\*)?(?:comment|my take|our take|the take|take|why it matters|what it means|what to watch|context|"
    r"editor['’]?s note|note|bottom line|the bottom line|analysis|our view|worth noting|read between the lines|"
    r"编者按|编者注|点评|點評|评论|評論|注|按|小编点评|小編點評)\s*(?:\*\*)?\s*[:：]",
    re.I,
)
COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|\bcopyright\b|all rights reserved|版权所有|版權所有|著作権|저작권", re.I)
IMAGE_ALT = re.compile(r"^\[[^\[\]]{3,}\]$")


# What a chat export prints for a message that is not text: a sticker, a picture, a voice note.
CHAT_PLACEHOLDER = re.compile(
    r"^[\[【［]\s*(?:表情|貼圖|贴图|动画表情|動畫表情|图片|圖片|照片|语音|語音|视频|視頻|影片|文件|檔案|位置|红包|紅包|"
    r"sticker|photo|image|picture|gif|voice (?:message|note)|video|file|attachment|location)\s*[\]】］]$", re.I)
# A link card's marker before a shared headline: "[链接] 中美经贸会谈在马德里举行"
LINK_CARD = re.compile(r"^[\[【［]\s*(?:链接|鏈接|連結|连结|分享|link|shared link)\s*[\]】］]\s*", re.I)


def is_furniture(text: str) -> bool:
    if len(text) > 400:
        return False  # furniture is a line, not a paragraph
    return bool(
        BOILERPLATE.match(text) or FURNITURE_LINE.match(text) or CHAT_PLACEHOLDER.match(text)
        or (BREADCRUMB.match(text) and len(text.split()) <= 14 and not text.endswith("."))
    )


def is_headline_like(text: str) -> bool:
    """Whether a paragraph reads like a headline: short, one sentence, no closing full stop.

    A link at the end (``… the summer harvest. caixin.com/2023/x``) is not part of it.
    """
    text = _TRAILING_LINK.sub("", text) or text
    words = text.split()
    if not words or len(words) > 30 or len(text) > 220:
        return False
    if len(text) > 60 and len(CJK.findall(text)) * 3 >= len(text.replace(" ", "")):
        return False  # (a Chinese paragraph; a Latin headline may still name a Chinese outlet: "— 第一财经 · 2025-11-30")
    if text.endswith(("...", "…")) and len(words) >= 12:
        return False  # a lead cut off with an ellipsis (alerts, teasers), not a headline
    if text[-1] in ".,;:…。，；：" and not text.endswith("...") and not ABBREVIATION_END.search(text):
        return False
    if QUOTED_SENTENCE_END.search(text) or REPORTED_SPEECH.search(text) or len(FIELD_LABELS.findall(text)) >= 2:
        return False  # reported speech, or a line of fields ("Detained: 2021 · Charge: …")
    spans = sentence_spans(text)
    if len(spans) > 2 or (len(spans) == 2 and (len(words) > 24 or text[spans[0].end - 1:spans[0].end] not in "?!？！")):
        return False  # "Who are the 47? A guide to the defendants" is still a headline
    first = text.lstrip("“\"'‘[(【「《")[:1]
    return bool(first) and not first.islower()


CJK = re.compile(r"[\u3400-\u9fff]")
# the box of a task list's item: "☒ Title" as pandoc writes it, "[x] Title" as typed
TASK_BOX = re.compile(r"^(?:[☐☑☒]|\[[ xX✓]\])\s+(?=\S)")

# Labels that name an item's source, in the languages digests are written in ("Source:",
# "Sumber:", "来源："): the attribution reader reads the line after them, the text reader never
# joins such a line into the paragraph above (one list for both, so they cannot drift apart).
SOURCE_LABELS = (
    r"sources?|src|from|via|origin|credit|quelle|fuente|fonte|źródło|источник|bron|kilde|källa|ngu[ồo]n|sumber|kaynak|forrás|"
    r"surs[aă]|surse|l[äa]hde|πηγή|πηγές|izvor|vir|allikas|šaltinis|avots|джерело|извор|източник|منبع|"
    r"zdroj|出典|出所|情報源|출처|publication|publisher|outlet|medium|media|newspaper|agency|来源|來源|资料来源|資料來源|"
    # (a video's channel, as a platform names it: "Channel: DW News", "UP主：观察者网")
    r"channel|uploader|up主|频道|頻道|媒体|媒體|"
    r"新闻来源|新聞來源|消息来源|消息來源|媒体来源|媒體來源|出处|出處|稿源|المصدر|مصدر|المصادر|ที่มา|แหล่งที่มา"
)
_TRAILING_LINK = re.compile(r"(?<=[.!?。！？”\"])\s+(?:https?://)?[\w-]+(?:\.[\w-]+)+/\S*$")
FIELD_LABELS = re.compile(r"(?:^|[·|;•]\s*)[A-Z][\w ]{1,20}:\s")
QUOTED_SENTENCE_END = re.compile(r"[.!?。！？,，][\"”’']\s*$")
REPORTED_SPEECH = re.compile(r"\w[,:]\s*[“\"‘]\w")
ABBREVIATION_END = re.compile(r"(?:\b(?:[A-Z]\.){2,}|\b(?:Co|Inc|Ltd|Corp|Jr|Sr|Bros|No|Gov|Sen|Rep)\.)$")


# The head of a message in a chat, forum or comment log: a time and a speaker's name.
_CLOCK = r"\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?"
_NAME = r"(?:[A-Z][^\W\d_]*(?:['’.-][^\W\d_]*)*(?:\s+[A-Z][^\W\d_]*(?:['’.-][^\W\d_]*)*){0,3}|@[\w.-]{2,24}|[a-z][a-z._-]{2,23})"
# a name in Chinese, Japanese or Korean characters, perhaps with a note in brackets: 赵某（律所）
_CJK_SENDER = r"[\u3400-\u9fff\u3040-\u30ff\uac00-\ud7af]{1,8}(?:[（(][^()（）]{1,10}[)）])?"
MESSAGE_HEAD = re.compile(
    r"^\[?(?P<stamp>[^\]\[]{0,24}?" + _CLOCK + r")\]?\s*[-–—]?\s*(?P<name>" + _NAME + r")\s*[:：]$"  # [3/10/2023 9:38 AM] Jonas Berg:
    # NOTE (heldout5 group chats): "2025-09-14 08:19:40 陈博": a WeChat export's head, dated, a name, no colon
    r"|^(?P<stamp3>\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s+" + _CLOCK + r")\s+(?P<name3>" + _CJK_SENDER + r"|" + _NAME + r")\s*[:：]?$"
    r"|^(?P<name2>" + _NAME + r")\s*[-–—,·•]?\s*(?P<stamp2>(?:(?:\w+\.?\s+){0,3}\d{1,4}[,/.-]?\s*)?" + _CLOCK + r")$"  # Dan Whitfield  10:20 AM
    r"|^\[?(?P<clock>" + _CLOCK + r")\]?$")  # 08:31 (a channel's own post: the time alone)


CLOCK_HINT = re.compile(r"\d[:.]\d\d")
