-- search.lua: GET /api/v1/persons?name= with names people search for: a common surname
-- and one or two common given-name characters (what the generator draws from).
local c = dofile((os.getenv("YB_BENCH_DIR") or ".") .. "/common.lua")
local surnames = { "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
                   "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "欧阳" }
local given = { "伟", "强", "磊", "军", "洋", "勇", "杰", "涛", "明", "超", "芳", "娜", "秀", "敏", "静", "丽",
                "艳", "娟", "霞", "英", "玲", "桂", "兰", "梅", "建", "国", "志", "海", "华", "红", "春", "文" }
setup = c.setup
done = c.done

local function urlencode(s)
  return (s:gsub("[^%w%-_%.~]", function(ch) return string.format("%%%02X", string.byte(ch)) end))
end

init = function(args)
  math.randomseed(2000 + (thread_id or 1))
end
request = function()
  local name = surnames[math.random(#surnames)] .. given[math.random(#given)]
  if math.random(3) == 1 then
    name = name .. given[math.random(#given)]
  end
  return wrk.format("GET", "/api/v1/persons?limit=20&name=" .. urlencode(name), c.headers)
end
